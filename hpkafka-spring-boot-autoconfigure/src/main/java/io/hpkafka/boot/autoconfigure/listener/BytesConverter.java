package io.hpkafka.boot.autoconfigure.listener;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.hpkafka.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

/**
 * Turns the bytes of a key or value into what a listener parameter takes. Chosen once per parameter at start-up, so
 * that a record costs only the conversion itself. A {@code null} (a tombstone, an absent key) stays {@code null}.
 */
@FunctionalInterface
interface BytesConverter {

    /**
     * Converts {@code bytes}.
     * @param topic the record's topic (deserializers may depend on it)
     * @param bytes the bytes, or null
     * @return the converted value, or null
     * @throws RuntimeException whatever the conversion throws; the caller reports it as a conversion failure
     */
    @Nullable Object convert(String topic, byte @Nullable [] bytes);

    BytesConverter BYTES = (topic, bytes) -> bytes;

    BytesConverter STRING = (topic, bytes) -> (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;

    BytesConverter BYTE_BUFFER = (topic, bytes) -> (bytes != null) ? ByteBuffer.wrap(bytes).asReadOnlyBuffer() : null;

    /**
     * Chooses the conversion for a parameter.
     * @param type the parameter's (generic) type
     * @param deserializers the configured deserializers
     * @param json reads JSON, or null when Jackson is not on the class path
     * @param what describes the parameter for the error message
     * @return the conversion
     * @throws IllegalStateException if nothing can produce {@code type}
     */
    static BytesConverter forType(Type type, TopicDeserializers deserializers, @Nullable JsonPayloads json,
            String what) {
        Deserializer<?> fallback = deserializers.fallback();
        return deserializers.before((fallback != null) ? fallback::deserialize : byType(type, json, what));
    }

    private static BytesConverter byType(Type type, @Nullable JsonPayloads json, String what) {
        Class<?> raw = ResolvableType.forType(type).toClass();
        if (raw == byte[].class) {
            return BYTES;
        }
        if (raw == String.class) {
            return STRING;
        }
        if (raw == ByteBuffer.class) {
            return BYTE_BUFFER;
        }
        if (json != null) {
            return json.reader(type);
        }
        throw new IllegalStateException(what + " has type " + type.getTypeName() + ", which needs a deserializer"
                + " (hpkafka.listener.value-deserializer / key-deserializer) or Jackson 3 (tools.jackson.core:"
                + "jackson-databind) on the class path to read JSON; String, byte[] and ByteBuffer need neither");
    }

}
