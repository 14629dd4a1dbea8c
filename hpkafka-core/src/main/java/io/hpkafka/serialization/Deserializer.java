package io.hpkafka.serialization;

/**
 * Turns the bytes of a key or value read from a partition into an object. Must be thread-safe.
 *
 * @param <T> the type produced
 */
@FunctionalInterface
public interface Deserializer<T> {
    /**
     * @param topic the topic the record came from
     * @param data the bytes, may be {@code null}
     * @return the object, {@code null} when {@code data} is {@code null}
     */
    T deserialize(String topic, byte[] data);
}
