package io.hpkafka.producer;

/**
 * Completes a per-record send future when the record was discarded or expired instead of acknowledged.
 */
public class ProduceFailedException extends RuntimeException {

    private final DiscardReason reason;

    /**
     * @param reason why the record was discarded, or {@code null} when it expired
     * @param message what happened, with the broker's error where there is one
     */
    public ProduceFailedException(DiscardReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** @return why the record was discarded, or {@code null} when it expired after {@code messageTtl} */
    public DiscardReason reason() {
        return reason;
    }

    /** @return whether the record expired (stayed longer than {@code messageTtl}) rather than being discarded */
    public boolean expired() {
        return reason == null;
    }
}
