package io.hpkafka.serialization;

/**
 * Turns a key or value into bytes. Must be thread-safe: it may be called from several threads at once.
 *
 * @param <T> the type serialized
 */
@FunctionalInterface
public interface Serializer<T> {
    /**
     * @param topic the topic the record goes to
     * @param data the object, may be {@code null}
     * @return the bytes, or {@code null} for a null key or a tombstone value
     */
    byte[] serialize(String topic, T data);
}
