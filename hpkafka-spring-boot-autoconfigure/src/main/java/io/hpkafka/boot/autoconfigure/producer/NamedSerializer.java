package io.hpkafka.boot.autoconfigure.producer;

import io.hpkafka.serialization.Serializer;

/**
 * A serializer named by a property, with the type it accepts (from its generic declaration; {@code Object} when that
 * cannot be read, a lambda bean without a declared type for instance).
 * @param serializer the serializer
 * @param accepted the type of the objects it serializes
 */
record NamedSerializer(Serializer<Object> serializer, Class<?> accepted) {

    /**
     * Returns whether this serializer takes objects of {@code type}.
     * @param type the key or value type of a producer
     * @return whether every object of the type is accepted
     */
    boolean accepts(Class<?> type) {
        return this.accepted.isAssignableFrom(type);
    }

    /**
     * Returns a serializer that uses this one for the objects it accepts (and for null), {@code otherwise} for the rest:
     * the untyped produce sees objects of every type.
     * @param otherwise the serializer of other objects
     * @return the serializer
     */
    Serializer<Object> orElse(Serializer<Object> otherwise) {
        if (this.accepted == Object.class) {
            return this.serializer;
        }
        Serializer<Object> serializer = this.serializer;
        Class<?> accepted = this.accepted;
        return (topic, data) -> (data == null || accepted.isInstance(data)) ? serializer.serialize(topic, data)
                : otherwise.serialize(topic, data);
    }

}
