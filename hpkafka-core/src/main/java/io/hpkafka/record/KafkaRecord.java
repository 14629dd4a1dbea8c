package io.hpkafka.record;


import java.util.List;

/**
 * A record read from a partition. Keys and values are the raw bytes; a {@code null} key or value is kept distinct from
 * an empty one (a {@code null} value is a tombstone).
 *
 * @param topic topic name
 * @param partition partition index
 * @param offset the record's offset in the partition
 * @param key key bytes or {@code null}
 * @param value value bytes or {@code null}
 * @param headers headers in wire order, possibly empty, never null
 * @param timestamp ms since the epoch; for LogAppendTime topics, the broker's append time
 * @param timestampType what the timestamp means
 */
public record KafkaRecord(String topic, int partition, long offset, byte[] key, byte[] value, List<Header> headers,
                          long timestamp, TimestampType timestampType) {
}
