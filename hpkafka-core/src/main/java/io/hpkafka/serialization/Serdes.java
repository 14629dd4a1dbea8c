package io.hpkafka.serialization;

import java.nio.charset.StandardCharsets;

/** The built-in serializers and deserializers. */
public final class Serdes {

    private static final Serializer<String> STRING_SERIALIZER =
            (topic, data) -> data == null ? null : data.getBytes(StandardCharsets.UTF_8);
    private static final Deserializer<String> STRING_DESERIALIZER =
            (topic, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
    private static final Serializer<byte[]> BYTES_SERIALIZER = (topic, data) -> data;
    private static final Deserializer<byte[]> BYTES_DESERIALIZER = (topic, data) -> data;

    private Serdes() {
    }

    /** @return UTF-8 string serializer; {@code null} stays {@code null} */
    public static Serializer<String> stringSerializer() { return STRING_SERIALIZER; }

    /** @return UTF-8 string deserializer; {@code null} stays {@code null} */
    public static Deserializer<String> stringDeserializer() { return STRING_DESERIALIZER; }

    /** @return pass-through serializer: the array itself is sent, not copied; do not change it after produce */
    public static Serializer<byte[]> byteArraySerializer() { return BYTES_SERIALIZER; }

    /** @return pass-through deserializer */
    public static Deserializer<byte[]> byteArrayDeserializer() { return BYTES_DESERIALIZER; }
}
