package io.hpkafka.boot.autoconfigure.listener;

/**
 * Handle a listener method takes as a parameter to acknowledge its record (or, for a batch listener, its whole
 * batch) in ack mode {@link AckMode#MANUAL} or {@link AckMode#MANUAL_IMMEDIATE}. It may be kept and called later,
 * from any thread. A record is committed once it and every earlier record of its partition are acknowledged; an
 * unacknowledged record is delivered again after a rebalance or a restart. In the other ack modes the container
 * commits by itself and acknowledging does nothing.
 */
@FunctionalInterface
public interface Acknowledgment {

    /**
     * Acknowledges the record (or batch) this handle was given with. Acknowledging twice is harmless; acknowledging
     * after the partition was revoked does nothing (the record's new owner delivers it again).
     */
    void acknowledge();

}
