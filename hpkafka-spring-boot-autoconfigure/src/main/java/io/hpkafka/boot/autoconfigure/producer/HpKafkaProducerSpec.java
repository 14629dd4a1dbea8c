package io.hpkafka.boot.autoconfigure.producer;

import java.util.Objects;

import io.hpkafka.serialization.Serializer;

import org.springframework.core.ResolvableType;

/**
 * What an auto-configured {@link io.hpkafka.KafkaProducer KafkaProducer} is made of before it is created: its key
 * and value types and their serializers, handed to each {@link HpKafkaProducerCustomizer}. A serializer set here must
 * take objects of the producer's type. Not thread-safe; valid during the customization only.
 */
public final class HpKafkaProducerSpec {

    private final ResolvableType keyType;

    private final ResolvableType valueType;

    private Serializer<?> keySerializer;

    private Serializer<?> valueSerializer;

    HpKafkaProducerSpec(ResolvableType keyType, ResolvableType valueType, Serializer<?> keySerializer,
            Serializer<?> valueSerializer) {
        this.keyType = keyType;
        this.valueType = valueType;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
    }

    /**
     * Returns the producer's key type.
     * @return the type, e.g. {@code String}
     */
    public ResolvableType getKeyType() {
        return this.keyType;
    }

    /**
     * Returns the producer's value type.
     * @return the type, e.g. {@code Order}
     */
    public ResolvableType getValueType() {
        return this.valueType;
    }

    /**
     * Returns the serializer of keys chosen so far.
     * @return the serializer
     */
    public Serializer<?> getKeySerializer() {
        return this.keySerializer;
    }

    /**
     * Replaces the serializer of keys.
     * @param keySerializer a serializer of the key type
     */
    public void setKeySerializer(Serializer<?> keySerializer) {
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
    }

    /**
     * Returns the serializer of values chosen so far.
     * @return the serializer
     */
    public Serializer<?> getValueSerializer() {
        return this.valueSerializer;
    }

    /**
     * Replaces the serializer of values.
     * @param valueSerializer a serializer of the value type
     */
    public void setValueSerializer(Serializer<?> valueSerializer) {
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
    }

}
