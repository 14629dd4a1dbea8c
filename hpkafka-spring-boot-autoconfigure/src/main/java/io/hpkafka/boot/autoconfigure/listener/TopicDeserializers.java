package io.hpkafka.boot.autoconfigure.listener;

import java.util.Map;

import io.hpkafka.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * The deserializers configured for a listener's keys or values: one per topic, and one for the other topics.
 * @param byTopic the deserializer of each topic that has one
 * @param fallback the deserializer of the other topics, or null (conversion by the parameter's type)
 */
record TopicDeserializers(Map<String, Deserializer<?>> byTopic, @Nullable Deserializer<?> fallback) {

    static final TopicDeserializers NONE = new TopicDeserializers(Map.of(), null);

    TopicDeserializers {
        byTopic = Map.copyOf(byTopic);
    }

    /**
     * Puts the per-topic deserializers in front of a conversion.
     * @param otherwise the conversion of the other topics
     * @return the conversion
     */
    BytesConverter before(BytesConverter otherwise) {
        if (this.byTopic.isEmpty()) {
            return otherwise;
        }
        Map<String, Deserializer<?>> byTopic = this.byTopic;
        return (topic, bytes) -> {
            Deserializer<?> deserializer = byTopic.get(topic);
            return (deserializer != null) ? deserializer.deserialize(topic, bytes) : otherwise.convert(topic, bytes);
        };
    }

}
