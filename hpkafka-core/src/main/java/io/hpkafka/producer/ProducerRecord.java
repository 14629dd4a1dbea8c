package io.hpkafka.producer;

import io.hpkafka.record.Header;

import java.util.List;

/**
 * A record handed to the producer, in serialized form.
 *
 * @param topic topic name
 * @param partition explicit partition, or {@link #ANY_PARTITION} to let the client choose (key hash, else round robin)
 * @param key key bytes or {@code null}
 * @param value value bytes or {@code null} (a tombstone)
 * @param headers headers, never null
 * @param timestamp CreateTime in ms since the epoch, or {@link #NO_TIMESTAMP} for the time of the produce call
 */
public record ProducerRecord(String topic, int partition, byte[] key, byte[] value, List<Header> headers,
                             long timestamp) {

    /** Partition value meaning "let the client choose". */
    public static final int ANY_PARTITION = -1;
    /** Timestamp value meaning "the time produce was called". */
    public static final long NO_TIMESTAMP = -1L;

    /**
     * @throws IllegalArgumentException if {@code partition} is negative but not {@link #ANY_PARTITION}, or
     *                                  {@code timestamp} negative but not {@link #NO_TIMESTAMP} (as the official
     *                                  client refuses them)
     */
    public ProducerRecord {
        checkPartition(partition);
        checkTimestamp(timestamp);
    }

    /**
     * Refuses a negative partition other than {@link #ANY_PARTITION}: only that value lets the client choose.
     *
     * @param partition the partition asked for
     * @return {@code partition}
     * @throws IllegalArgumentException if {@code partition < -1}
     */
    public static int checkPartition(int partition) {
        if (partition < ANY_PARTITION) {
            throw new IllegalArgumentException("invalid partition " + partition
                    + ": a partition is >= 0, or ANY_PARTITION (-1) to let the client choose");
        }
        return partition;
    }

    /**
     * Refuses a negative timestamp other than {@link #NO_TIMESTAMP}.
     *
     * @param timestamp the CreateTime asked for, in ms since the epoch
     * @return {@code timestamp}
     * @throws IllegalArgumentException if {@code timestamp < -1}
     */
    public static long checkTimestamp(long timestamp) {
        if (timestamp < NO_TIMESTAMP) {
            throw new IllegalArgumentException("invalid timestamp " + timestamp
                    + ": a timestamp is >= 0 ms since the epoch, or NO_TIMESTAMP (-1)");
        }
        return timestamp;
    }
}
