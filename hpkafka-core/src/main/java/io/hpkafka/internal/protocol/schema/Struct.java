package io.hpkafka.internal.protocol.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The values of one struct of a {@link Schema}, by field name; every field starts at its default. It is the bridge
 * between the typed request and response records of {@code io.hpkafka.internal.protocol.message} and the generic codec:
 * control-plane APIs only, where a few small objects per request do not matter. Not thread-safe.
 */
public final class Struct {

    private final Schema schema;
    private final Object[] values;

    Struct(Schema schema) {
        this.schema = schema;
        this.values = new Object[schema.fieldCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = schema.fieldAt(i).defaultValue();
        }
    }

    /** @return the schema this struct belongs to */
    public Schema schema() {
        return schema;
    }

    Object raw(int i) {
        return values[i];
    }

    void setRaw(int i, Object v) {
        values[i] = v;
    }

    /**
     * Sets a field. Primitives must be boxed as their type says ({@code (short) 0} for an INT16); arrays are lists.
     *
     * @return this struct
     * @throws IllegalArgumentException if there is no such field or the value has the wrong type
     */
    public Struct set(String name, Object value) {
        int i = schema.indexOf(name);
        Field f = schema.fieldAt(i);
        if (value != null && !f.type().javaType().isInstance(value)) {
            throw new IllegalArgumentException(name + " is " + f.type() + ", not " + value.getClass().getSimpleName());
        }
        values[i] = value;
        return this;
    }

    /** Sets an {@code []int32} field from an array (null stays null). */
    public Struct setInt32Array(String name, int[] value) {
        if (value == null) {
            return set(name, null);
        }
        List<Integer> list = new ArrayList<>(value.length);
        for (int v : value) {
            list.add(v);
        }
        return set(name, list);
    }

    /** @return a new, default-valued element for the array-of-structs field {@code name} (not yet added to it) */
    public Struct newElement(String name) {
        Field f = schema.field(name);
        if (f.elementSchema() == null) {
            throw new IllegalArgumentException(name + " is not an array of structs");
        }
        return f.elementSchema().newStruct();
    }

    /** @return the value of field {@code name} (its default when not set or absent at the version read) */
    public Object get(String name) {
        return values[schema.indexOf(name)];
    }

    /** @return the value of a field of the matching {@link Type} */
    public boolean getBool(String name) {
        return (Boolean) get(name);
    }

    /** @return the value of a field of the matching {@link Type} */
    public byte getByte(String name) {
        return (Byte) get(name);
    }

    /** @return the value of a field of the matching {@link Type} */
    public short getShort(String name) {
        return (Short) get(name);
    }

    /** @return the value of a field of the matching {@link Type} */
    public int getInt(String name) {
        return (Integer) get(name);
    }

    /** @return the value of a field of the matching {@link Type} */
    public long getLong(String name) {
        return (Long) get(name);
    }

    /** @return the value of a field of the matching {@link Type} */
    public UUID getUuid(String name) {
        return (UUID) get(name);
    }

    /** @return the value of a field of the matching {@link Type} */
    public String getString(String name) {
        return (String) get(name);
    }

    /** @return the value of a field of the matching {@link Type} */
    public byte[] getBytes(String name) {
        return (byte[]) get(name);
    }

    /** @return an array field's elements, or null */
    public List<?> getArray(String name) {
        return (List<?>) get(name);
    }

    /** @return an array-of-structs field's elements, or null */
    @SuppressWarnings("unchecked")
    public List<Struct> getStructs(String name) {
        return (List<Struct>) get(name);
    }

    /** @return an {@code []int32} field as an array, or null */
    public int[] getInt32Array(String name) {
        List<?> list = getArray(name);
        if (list == null) {
            return null;
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Integer) list.get(i);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Struct other && other.schema == schema && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, Arrays.deepHashCode(values));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = values[i];
            sb.append(schema.fieldAt(i).name()).append('=').append(v instanceof byte[] b ? Arrays.toString(b) : v);
        }
        return sb.append('}').toString();
    }
}
