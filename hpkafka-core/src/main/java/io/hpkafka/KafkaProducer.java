package io.hpkafka;

import io.hpkafka.record.Header;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.serialization.Serializer;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A typed view over a {@link ClusterClient}'s producer: keys and values are serialized with the given serializers and
 * produced through the client. The view owns nothing; closing the client flushes what was produced through it.
 * Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KafkaProducer<K, V> {

    private final ClusterClient client;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;

    /**
     * @param client the client records go through
     * @param keySerializer serializer of keys
     * @param valueSerializer serializer of values
     */
    public KafkaProducer(ClusterClient client, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this.client = Objects.requireNonNull(client, "client");
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
    }

    /**
     * Produces a record to a partition chosen by the key's murmur2 hash (as the official Java client does), or by
     * round robin when the key is {@code null}. Returns without waiting for the network.
     *
     * @return {@code true} if the record was accepted; {@code false} if it was discarded at once (overflow)
     */
    public boolean produce(String topic, K key, V value) {
        return produce(topic, key, value, ProducerRecord.ANY_PARTITION);
    }

    /**
     * Produces a record to the given partition.
     *
     * @param partition partition index, or {@link ProducerRecord#ANY_PARTITION}
     * @return {@code true} if the record was accepted
     */
    public boolean produce(String topic, K key, V value, int partition) {
        return produce(topic, key, value, partition, List.of(), ProducerRecord.NO_TIMESTAMP);
    }

    /**
     * Produces a record with headers and a timestamp.
     *
     * @param partition partition index, or {@link ProducerRecord#ANY_PARTITION}
     * @param headers record headers, not null
     * @param timestamp CreateTime in ms since the epoch, or {@link ProducerRecord#NO_TIMESTAMP} for now
     * @return {@code true} if the record was accepted
     */
    public boolean produce(String topic, K key, V value, int partition, List<Header> headers, long timestamp) {
        byte[] keyBytes = keySerializer.serialize(topic, key);
        byte[] valueBytes = valueSerializer.serialize(topic, value);
        return client.produce(new ProducerRecord(topic, partition, keyBytes, valueBytes, headers, timestamp));
    }

    /**
     * Produces a record and returns a future of its outcome: its metadata (partition, offset) once acknowledged, or
     * a {@link io.hpkafka.producer.ProduceFailedException} once discarded or expired. The plain {@code produce}
     * methods report outcomes through events and allocate no future.
     */
    public CompletableFuture<RecordMetadata> send(String topic, K key, V value) {
        return client.send(new ProducerRecord(topic, ProducerRecord.ANY_PARTITION, keySerializer.serialize(topic, key),
                valueSerializer.serialize(topic, value), List.of(), ProducerRecord.NO_TIMESTAMP));
    }

    /** @return the client this view produces through */
    public ClusterClient client() {
        return client;
    }
}
