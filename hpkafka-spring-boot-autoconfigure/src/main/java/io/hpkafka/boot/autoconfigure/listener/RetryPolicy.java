package io.hpkafka.boot.autoconfigure.listener;

import java.util.List;

/**
 * How a failing record is retried: how many deliveries, the back-off before each retry (fixed, or growing by a
 * multiplier up to a maximum), and which exceptions are not worth retrying. Immutable.
 */
final class RetryPolicy {

    private final int maxAttempts;

    private final long initialIntervalMs;

    private final double multiplier;

    private final long maxIntervalMs;

    private final List<Class<? extends Throwable>> notRetryable;

    /**
     * Creates a policy from validated settings.
     * @param retry the settings
     */
    RetryPolicy(HpKafkaListenerProperties.Retry retry) {
        this.maxAttempts = retry.getMaxAttempts();
        this.initialIntervalMs = retry.getInitialInterval().toMillis();
        this.multiplier = retry.getMultiplier();
        this.maxIntervalMs = retry.getMaxInterval().toMillis();
        this.notRetryable = List.copyOf(retry.getNotRetryable());
    }

    /**
     * Returns the deliveries of a record, the first included, before it goes to the recoverer.
     * @return at least 1
     */
    int maxAttempts() {
        return this.maxAttempts;
    }

    /**
     * Returns the back-off after a failed delivery.
     * @param attempt the delivery that failed, from 1
     * @return the delay in ms: the initial interval times the multiplier to the power {@code attempt - 1}, at most
     * the maximum interval
     */
    long delayMs(int attempt) {
        double delay = this.initialIntervalMs * Math.pow(this.multiplier, Math.max(0, attempt - 1));
        return (long) Math.min(delay, (double) Math.max(this.maxIntervalMs, this.initialIntervalMs));
    }

    /**
     * Returns whether a failure may be retried: not a conversion failure, and not one of the not-retryable classes
     * (or, for an exception that wraps another, the wrapped one).
     * @param failure what the listener threw
     * @return whether to retry
     */
    boolean isRetryable(Throwable failure) {
        if (failure instanceof PayloadConversionException) {
            return false;
        }
        for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
            for (Class<? extends Throwable> type : this.notRetryable) {
                if (type.isInstance(t)) {
                    return false;
                }
            }
        }
        return true;
    }

}
