package io.hpkafka;

import io.hpkafka.consumer.ConsumerRecord;
import io.hpkafka.consumer.KafkaRecord;
import io.hpkafka.event.EventListeners;
import io.hpkafka.serialization.DeserializationError;
import io.hpkafka.serialization.Deserializer;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A typed view over a {@link ClusterClient}'s consumer: records are deserialized with a default deserializer, or one
 * set per topic, before they reach the listeners. A deserializer that throws does not stop consumption: the record is
 * reported through {@link #onDeserializationError} with its raw bytes, and the next record follows. The view owns
 * nothing; consumption itself is driven through the client (or the shortcuts here). Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KafkaConsumer<K, V> {

    private final ClusterClient client;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final Map<String, Deserializer<K>> topicKeyDeserializers = new ConcurrentHashMap<>();
    private final Map<String, Deserializer<V>> topicValueDeserializers = new ConcurrentHashMap<>();
    private final EventListeners<ConsumerRecord<K, V>> records = new EventListeners<>("typed message-received");
    private final EventListeners<DeserializationError> errors = new EventListeners<>("deserialization-error");

    /**
     * @param client the client records come from
     * @param keyDeserializer default key deserializer
     * @param valueDeserializer default value deserializer
     */
    public KafkaConsumer(ClusterClient client, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.client = Objects.requireNonNull(client, "client");
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
        client.onMessageReceived(this::dispatch);
    }

    /** Uses {@code keys} and {@code values} for {@code topic} instead of the defaults. */
    public KafkaConsumer<K, V> deserializers(String topic, Deserializer<K> keys, Deserializer<V> values) {
        topicKeyDeserializers.put(topic, Objects.requireNonNull(keys, "keys"));
        topicValueDeserializers.put(topic, Objects.requireNonNull(values, "values"));
        return this;
    }

    /** Listens to deserialized records, delivered one at a time. */
    public Registration onMessageReceived(Consumer<ConsumerRecord<K, V>> listener) {
        return records.add(listener);
    }

    /** Listens to records whose key or value could not be deserialized. */
    public Registration onDeserializationError(Consumer<DeserializationError> listener) {
        return errors.add(listener);
    }

    /** Shortcut for {@link ClusterClient#consumeFromEarliest}. */
    public void consumeFromEarliest(String topic, int partition) {
        client.consumeFromEarliest(topic, partition);
    }

    /** Shortcut for {@link ClusterClient#consumeFromLatest}. */
    public void consumeFromLatest(String topic, int partition) {
        client.consumeFromLatest(topic, partition);
    }

    /** Shortcut for {@link ClusterClient#consume}. */
    public void consume(String topic, int partition, long offset) {
        client.consume(topic, partition, offset);
    }

    /** @return the client this view reads through */
    public ClusterClient client() {
        return client;
    }

    private void dispatch(KafkaRecord raw) {
        if (records.isEmpty()) {
            return;
        }
        K key;
        V value;
        try {
            key = topicKeyDeserializers.getOrDefault(raw.topic(), keyDeserializer).deserialize(raw.topic(), raw.key());
            value = topicValueDeserializers.getOrDefault(raw.topic(), valueDeserializer)
                    .deserialize(raw.topic(), raw.value());
        } catch (RuntimeException e) {
            errors.fire(new DeserializationError(raw, e));
            return;
        }
        records.fire(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), key, value, raw.headers(),
                raw.timestamp(), raw.timestampType()));
    }
}
