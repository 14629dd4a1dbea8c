package io.hpkafka.serialization;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the untyped {@code ClusterClient.produce(String, Object, Object)} turns keys and values into bytes: a default
 * serializer for all topics, serializers per topic, and when serialization happens.
 * <p>
 * The default serializer takes {@code byte[]} as is, {@link String} as UTF-8, {@link ByteBuffer} (its remaining
 * bytes) and {@link MemorySerializable}; any other type needs a serializer, else the record is discarded with
 * reason SERIALIZATION_ERROR (or {@code produce} throws, when serializing on produce).
 * <p>
 * With {@link #serializeOnProduce()} false (the default) values are serialized when their batch is sent: the
 * originals are kept until the record's outcome, returned in discard and expiry events, and closed then if they are
 * {@link AutoCloseable} (so they can be pooled: once closed, the client no longer touches them). Keys that choose a
 * partition are serialized when routed. A {@link MemorySerializable} value under the default serializer writes itself
 * straight into the record batch as the request is encoded (possibly again, on a retry). With
 * {@link #serializeOnProduce()} true, both are serialized in {@code produce} and no reference to them is kept.
 */
public final class SerializationConfig {

    /** The default serializer, usable for keys and values. */
    public static final Serializer<Object> DEFAULT_SERIALIZER = SerializationConfig::serializeKnownType;
    /** Default serializers for every topic, serialization at send time. */
    public static final SerializationConfig DEFAULT = builder().build();

    private final Serializer<Object> keySerializer;
    private final Serializer<Object> valueSerializer;
    private final Map<String, Serializer<Object>> topicKeySerializers;
    private final Map<String, Serializer<Object>> topicValueSerializers;
    private final boolean serializeOnProduce;

    private SerializationConfig(Builder b) {
        this.keySerializer = b.keySerializer;
        this.valueSerializer = b.valueSerializer;
        this.topicKeySerializers = Map.copyOf(b.topicKeySerializers);
        this.topicValueSerializers = Map.copyOf(b.topicValueSerializers);
        this.serializeOnProduce = b.serializeOnProduce;
    }

    /** @return a builder with the default serializers and serialization at send time */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the key serializer of {@code topic} */
    public Serializer<Object> keySerializer(String topic) {
        return topicKeySerializers.getOrDefault(topic, keySerializer);
    }

    /** @return the value serializer of {@code topic} */
    public Serializer<Object> valueSerializer(String topic) {
        return topicValueSerializers.getOrDefault(topic, valueSerializer);
    }

    /** @return whether keys and values are serialized in {@code produce} (true) or at send time (false, default) */
    public boolean serializeOnProduce() {
        return serializeOnProduce;
    }

    private static byte[] serializeKnownType(String topic, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (data instanceof ByteBuffer buffer) {
            byte[] out = new byte[buffer.remaining()];
            buffer.duplicate().get(out);
            return out;
        }
        if (data instanceof MemorySerializable m) {
            int size = m.serializedSize();
            byte[] out = new byte[size];
            ByteBuffer target = ByteBuffer.wrap(out);
            m.serialize(target);
            if (target.position() != size) {
                throw new IllegalStateException(data.getClass().getName() + " wrote " + target.position()
                        + " bytes but announced " + size);
            }
            return out;
        }
        throw new IllegalArgumentException("no serializer for " + data.getClass().getName() + " on topic '" + topic
                + "': set one in SerializationConfig, or produce byte[], String, ByteBuffer or MemorySerializable");
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private Serializer<Object> keySerializer = DEFAULT_SERIALIZER;
        private Serializer<Object> valueSerializer = DEFAULT_SERIALIZER;
        private final Map<String, Serializer<Object>> topicKeySerializers = new HashMap<>();
        private final Map<String, Serializer<Object>> topicValueSerializers = new HashMap<>();
        private boolean serializeOnProduce;

        private Builder() {
        }

        /** Sets the serializers used for topics without their own. */
        @SuppressWarnings("unchecked")
        public Builder defaultSerializers(Serializer<?> keys, Serializer<?> values) {
            this.keySerializer = (Serializer<Object>) Objects.requireNonNull(keys, "keys");
            this.valueSerializer = (Serializer<Object>) Objects.requireNonNull(values, "values");
            return this;
        }

        /** Sets the serializers of one topic. */
        @SuppressWarnings("unchecked")
        public Builder topicSerializers(String topic, Serializer<?> keys, Serializer<?> values) {
            topicKeySerializers.put(topic, (Serializer<Object>) Objects.requireNonNull(keys, "keys"));
            topicValueSerializers.put(topic, (Serializer<Object>) Objects.requireNonNull(values, "values"));
            return this;
        }

        /** @param serializeOnProduce serialize in {@code produce} (true) or at send time (false, the default) */
        public Builder serializeOnProduce(boolean serializeOnProduce) {
            this.serializeOnProduce = serializeOnProduce;
            return this;
        }

        /** @return the configuration */
        public SerializationConfig build() {
            return new SerializationConfig(this);
        }
    }
}
