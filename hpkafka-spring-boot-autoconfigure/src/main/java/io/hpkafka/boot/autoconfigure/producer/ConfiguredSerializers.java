package io.hpkafka.boot.autoconfigure.producer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.hpkafka.serialization.SerializationConfig;
import io.hpkafka.serialization.Serializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

/**
 * The serializers the {@code hpkafka.producer.key-serializer}, {@code value-serializer}, {@code key-serializers} and
 * {@code value-serializers} properties name, resolved once at start-up. They feed the client's
 * {@link SerializationConfig} (the untyped {@code ClusterClient.produce}), where each serializes the objects of its
 * type and leaves the others to the default serializer, and the typed producers whose key or value type they accept.
 */
public final class ConfiguredSerializers {

    /** No serializer configured. */
    public static final ConfiguredSerializers NONE = new ConfiguredSerializers(null, null, Map.of(), Map.of());

    private final @Nullable NamedSerializer key;

    private final @Nullable NamedSerializer value;

    private final Map<String, NamedSerializer> keyByTopic;

    private final Map<String, NamedSerializer> valueByTopic;

    private ConfiguredSerializers(@Nullable NamedSerializer key, @Nullable NamedSerializer value,
            Map<String, NamedSerializer> keyByTopic, Map<String, NamedSerializer> valueByTopic) {
        this.key = key;
        this.value = value;
        this.keyByTopic = keyByTopic;
        this.valueByTopic = valueByTopic;
    }

    /**
     * Resolves the serializers the properties name: each a bean name first, else a class name.
     * @param beanFactory where bean names are looked up
     * @param prefix the properties' prefix, e.g. {@code hpkafka.producer}, for failure messages
     * @param key the key serializer of every topic, or null
     * @param value the value serializer of every topic, or null
     * @param keyByTopic key serializers per topic
     * @param valueByTopic value serializers per topic
     * @return the serializers
     * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException naming the
     * property whose name is neither a Serializer bean nor a Serializer class with a public no-argument constructor
     */
    public static ConfiguredSerializers resolve(BeanFactory beanFactory, String prefix, @Nullable String key,
            @Nullable String value, Map<String, String> keyByTopic, Map<String, String> valueByTopic) {
        SerializerLookup lookup = new SerializerLookup(beanFactory);
        return new ConfiguredSerializers(lookup.resolve(prefix + ".key-serializer", key),
                lookup.resolve(prefix + ".value-serializer", value),
                byTopic(lookup, prefix + ".key-serializers", keyByTopic),
                byTopic(lookup, prefix + ".value-serializers", valueByTopic));
    }

    private static Map<String, NamedSerializer> byTopic(SerializerLookup lookup, String property,
            Map<String, String> names) {
        Map<String, NamedSerializer> resolved = new LinkedHashMap<>();
        names.forEach((topic, name) -> {
            NamedSerializer serializer = lookup.resolve(property + "[" + topic + "]", name);
            if (serializer != null) {
                resolved.put(topic, serializer);
            }
        });
        return Map.copyOf(resolved);
    }

    /**
     * Returns the client's serialization settings: the configured serializers in front of the default one.
     * @param serializeOnProduce whether the untyped produce serializes at once
     * @return the settings
     */
    public SerializationConfig serializationConfig(boolean serializeOnProduce) {
        if (this.key == null && this.value == null && this.keyByTopic.isEmpty() && this.valueByTopic.isEmpty()
                && !serializeOnProduce) {
            return SerializationConfig.DEFAULT;
        }
        Serializer<Object> fallback = SerializationConfig.DEFAULT_SERIALIZER;
        Serializer<Object> keys = (this.key != null) ? this.key.orElse(fallback) : fallback;
        Serializer<Object> values = (this.value != null) ? this.value.orElse(fallback) : fallback;
        SerializationConfig.Builder builder = SerializationConfig.builder()
            .defaultSerializers(keys, values)
            .serializeOnProduce(serializeOnProduce);
        Set<String> topics = new LinkedHashSet<>(this.keyByTopic.keySet());
        topics.addAll(this.valueByTopic.keySet());
        for (String topic : topics) {
            NamedSerializer topicKey = this.keyByTopic.get(topic);
            NamedSerializer topicValue = this.valueByTopic.get(topic);
            builder.topicSerializers(topic, (topicKey != null) ? topicKey.orElse(keys) : keys,
                    (topicValue != null) ? topicValue.orElse(values) : values);
        }
        return builder.build();
    }

    /**
     * Returns the configured serializer of keys or values of every topic, if it takes objects of {@code type}.
     * @param side keys or values
     * @param type the producer's key or value type
     * @return the serializer, or null
     */
    @Nullable Serializer<Object> forAllTopics(Side side, Class<?> type) {
        NamedSerializer serializer = (side == Side.KEY) ? this.key : this.value;
        return (serializer != null && serializer.accepts(type)) ? serializer.serializer() : null;
    }

    /**
     * Returns the configured serializers of keys or values per topic that take objects of {@code type}.
     * @param side keys or values
     * @param type the producer's key or value type
     * @return the serializers by topic, possibly empty
     */
    Map<String, Serializer<Object>> perTopic(Side side, Class<?> type) {
        Map<String, Serializer<Object>> result = new LinkedHashMap<>();
        ((side == Side.KEY) ? this.keyByTopic : this.valueByTopic).forEach((topic, serializer) -> {
            if (serializer.accepts(type)) {
                result.put(topic, serializer.serializer());
            }
        });
        return result;
    }

    /** Which part of a record a serializer is for. */
    enum Side {

        /** The record's key. */
        KEY,

        /** The record's value. */
        VALUE

    }

}
