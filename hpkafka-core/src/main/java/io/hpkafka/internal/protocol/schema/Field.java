package io.hpkafka.internal.protocol.schema;

import java.util.List;
import java.util.Objects;

/**
 * One field of a message table, as Kafka's JSON schemas describe it: name, type, the versions it exists in, the
 * versions it may be null in, its default, whether it may be silently dropped at versions that lack it
 * ("ignorable"), and, for a tagged field (KIP-482), its tag. Immutable; the {@code with*} style methods return
 * copies, so a table reads like the JSON it comes from:
 *
 * <pre>{@code
 * Field.of("GroupInstanceId", Type.STRING, "5+").nullable("5+").withDefault(null)
 * }</pre>
 */
public final class Field {

    private static final byte[] NO_BYTES = new byte[0];

    private final String name;
    private final Type type;
    private final Type elementType;
    private final Schema elementSchema;
    private final Versions versions;
    private final Versions nullableVersions;
    private final Object defaultValue;
    private final boolean ignorable;
    private final int tag;

    private Field(String name, Type type, Type elementType, Schema elementSchema, Versions versions,
                  Versions nullableVersions, Object defaultValue, boolean ignorable, int tag) {
        this.name = Objects.requireNonNull(name);
        this.type = type;
        this.elementType = elementType;
        this.elementSchema = elementSchema;
        this.versions = versions;
        this.nullableVersions = nullableVersions;
        this.defaultValue = defaultValue;
        this.ignorable = ignorable;
        this.tag = tag;
    }

    /** A field of a primitive, string or bytes type. */
    public static Field of(String name, Type type, String versions) {
        if (type == Type.ARRAY || type == Type.STRUCT) {
            throw new IllegalArgumentException(name + ": use array(...) or structs(...) for " + type);
        }
        return new Field(name, type, null, null, Versions.parse(versions), Versions.NONE, typeDefault(type), false,
                -1);
    }

    /** An array of a primitive, string or bytes type, e.g. {@code []int32}. */
    public static Field array(String name, Type elementType, String versions) {
        if (elementType == Type.ARRAY || elementType == Type.STRUCT) {
            throw new IllegalArgumentException(name + ": arrays of " + elementType + " are not supported");
        }
        return new Field(name, Type.ARRAY, elementType, null, Versions.parse(versions), Versions.NONE, List.of(),
                false, -1);
    }

    /** An array of structs whose fields are {@code fields}. */
    public static Field structs(String name, String versions, Field... fields) {
        return new Field(name, Type.ARRAY, Type.STRUCT, Schema.of(fields), Versions.parse(versions), Versions.NONE,
                List.of(), false, -1);
    }

    private static Object typeDefault(Type type) {
        return switch (type) {
            case BOOL -> Boolean.FALSE;
            case INT8 -> (byte) 0;
            case INT16 -> (short) 0;
            case INT32 -> 0;
            case INT64 -> 0L;
            case UUID -> new java.util.UUID(0L, 0L);
            case STRING -> "";
            case BYTES -> NO_BYTES;
            case ARRAY -> List.of();
            case STRUCT -> null;
        };
    }

    /** @return a copy that may be null in {@code versions} */
    public Field nullable(String versions) {
        return new Field(name, type, elementType, elementSchema, this.versions, Versions.parse(versions),
                defaultValue, ignorable, tag);
    }

    /**
     * @param value the default: used when a struct does not set the field, and what a field absent at the
     *     negotiated version must hold unless it is ignorable; {@code null} for a nullable field whose default is null
     * @return a copy with that default
     */
    public Field withDefault(Object value) {
        if (value != null && !type.javaType().isInstance(value)) {
            throw new IllegalArgumentException(name + ": default " + value + " is not a " + type);
        }
        return new Field(name, type, elementType, elementSchema, versions, nullableVersions, value, ignorable, tag);
    }

    /** @return a copy that is dropped without complaint when the negotiated version lacks it */
    public Field ignorable() {
        return new Field(name, type, elementType, elementSchema, versions, nullableVersions, defaultValue, true, tag);
    }

    /**
     * @return a copy that is a tagged field (KIP-482) with this tag in all its versions: written only when it
     *     differs from its default, skipped by readers that do not know it
     */
    public Field tagged(int tag) {
        if (tag < 0) {
            throw new IllegalArgumentException(name + ": negative tag " + tag);
        }
        return new Field(name, type, elementType, elementSchema, versions, nullableVersions, defaultValue, true, tag);
    }

    /** @return the field name, as in Kafka's schema */
    public String name() { return name; }

    /** @return the wire type */
    public Type type() { return type; }

    /** @return for an {@link Type#ARRAY}, the element type; else null */
    public Type elementType() { return elementType; }

    /** @return for an array of structs, the element schema; else null */
    public Schema elementSchema() { return elementSchema; }

    /** @return the versions the field exists in */
    public Versions versions() { return versions; }

    /** @return the versions the field may be null in */
    public Versions nullableVersions() { return nullableVersions; }

    /** @return the default value */
    public Object defaultValue() { return defaultValue; }

    /** @return whether the field may be dropped when the version lacks it */
    public boolean isIgnorable() { return ignorable; }

    /** @return whether the field is tagged */
    public boolean isTagged() { return tag >= 0; }

    /** @return the tag, or -1 */
    public int tag() { return tag; }

    /** @return whether {@code value} equals the default (empty lists equal an empty default) */
    public boolean isDefault(Object value) {
        return Objects.deepEquals(value, defaultValue);
    }

    @Override
    public String toString() {
        String t = type == Type.ARRAY ? "[]" + (elementType == Type.STRUCT ? "struct" : elementType) : type.name();
        return name + " " + t + " v" + versions + (isTagged() ? " tag " + tag : "");
    }
}
