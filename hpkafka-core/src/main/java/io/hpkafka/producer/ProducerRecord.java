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
}
