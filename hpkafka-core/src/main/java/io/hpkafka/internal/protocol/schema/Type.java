package io.hpkafka.internal.protocol.schema;

/**
 * Wire types of message fields, with the Java type a {@link Struct} holds for each. Variable-length types have a
 * classic and a compact (flexible-version, KIP-482) encoding; {@link Schema} picks one by version.
 */
public enum Type {
    /** One byte, 0 = false; held as {@link Boolean}. */
    BOOL(1, Boolean.class),
    /** Held as {@link Byte}. */
    INT8(1, Byte.class),
    /** Held as {@link Short}. */
    INT16(2, Short.class),
    /** Held as {@link Integer}. */
    INT32(4, Integer.class),
    /** Held as {@link Long}. */
    INT64(8, Long.class),
    /** 16 bytes, held as {@link java.util.UUID} (Kafka's {@code Uuid} has the same layout). */
    UUID(16, java.util.UUID.class),
    /** UTF-8 text, at most 32767 bytes; held as {@link String}. */
    STRING(-1, String.class),
    /** Opaque bytes; held as {@code byte[]}. */
    BYTES(-1, byte[].class),
    /** A list of one element type (a primitive, or {@link #STRUCT} elements); held as {@link java.util.List}. */
    ARRAY(-1, java.util.List.class),
    /** Only as an array element: a nested struct; held as {@link Struct}. */
    STRUCT(-1, Struct.class);

    private final int fixedSize;
    private final Class<?> javaType;

    Type(int fixedSize, Class<?> javaType) {
        this.fixedSize = fixedSize;
        this.javaType = javaType;
    }

    /** @return the size in bytes of a fixed-size type, or -1 */
    public int fixedSize() {
        return fixedSize;
    }

    /** @return the class of the values a {@link Struct} holds for this type */
    public Class<?> javaType() {
        return javaType;
    }
}
