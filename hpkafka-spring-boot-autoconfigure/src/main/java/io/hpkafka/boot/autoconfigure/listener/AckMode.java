package io.hpkafka.boot.autoconfigure.listener;

/**
 * When a group-mode listener container commits the offsets of the records its listener processed. The names and
 * meanings are Spring Kafka's ({@code ContainerProperties.AckMode}). A record counts as processed when the listener
 * returned, or when it failed and the recoverer took it (logged, or published to the dead-letter topic). Whatever
 * the mode, processed records are also committed before partitions are revoked and when the container stops, and a
 * committed offset never goes backwards.
 */
public enum AckMode {

    /**
     * Commit after each record (one OffsetCommit per record: safe and slow).
     */
    RECORD,

    /**
     * Commit after each batch of records delivered: at most one commit in flight, the next one sent as soon as it is
     * answered and records were processed meanwhile. The default.
     */
    BATCH,

    /**
     * Commit every {@code ack-count} records.
     */
    COUNT,

    /**
     * Commit every {@code ack-time}.
     */
    TIME,

    /**
     * Commit every {@code ack-count} records or every {@code ack-time}, whichever comes first.
     */
    COUNT_TIME,

    /**
     * The listener acknowledges through an {@link Acknowledgment} parameter; acknowledged records are committed as
     * in {@link #BATCH}. A record is committed only once it and every record before it in its partition are
     * acknowledged, so an unacknowledged record is redelivered after a rebalance or restart, never skipped.
     */
    MANUAL,

    /**
     * Like {@link #MANUAL}, with a commit sent at each acknowledgment.
     */
    MANUAL_IMMEDIATE;

    boolean isManual() {
        return this == MANUAL || this == MANUAL_IMMEDIATE;
    }

}
