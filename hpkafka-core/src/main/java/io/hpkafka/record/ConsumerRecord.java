package io.hpkafka.record;


import java.util.List;

/**
 * A consumed record with its key and value deserialized (see {@link io.hpkafka.KafkaConsumer}).
 *
 * @param topic topic name
 * @param partition partition index
 * @param offset the record's offset
 * @param key the key, null when the record has none
 * @param value the value, null for a tombstone
 * @param headers headers in wire order, never null
 * @param timestamp ms since the epoch
 * @param timestampType what the timestamp means
 * @param <K> key type
 * @param <V> value type
 */
public record ConsumerRecord<K, V>(String topic, int partition, long offset, K key, V value, List<Header> headers,
                                   long timestamp, TimestampType timestampType) {
}
