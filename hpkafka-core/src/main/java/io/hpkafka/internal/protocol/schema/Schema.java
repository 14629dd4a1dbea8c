package io.hpkafka.internal.protocol.schema;

import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ordered fields of one struct (a message body or an array element), and the generic codec that sizes, writes
 * and reads a {@link Struct} of it at any version. Flexible versions (KIP-482) use compact lengths and end every
 * struct with a tagged-field section; tags this table does not declare are skipped on read, and only declared tagged
 * fields that differ from their default are written.
 * <p>
 * Reading never trusts a length: each string, bytes or array length is checked against the bytes left before
 * anything is allocated (an array needs at least its minimum element size per element), so a malformed body gives a
 * {@link ProtocolException} and allocation stays proportional to the frame.
 */
public final class Schema {

    private final Field[] fields;
    private final Map<String, Integer> index;
    /** Indexes of the tagged fields, in ascending tag order (the order they are written in). */
    private final int[] taggedByTag;

    private Schema(Field[] fields) {
        this.fields = fields;
        this.index = new HashMap<>();
        List<Integer> tagged = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            if (index.put(fields[i].name(), i) != null) {
                throw new IllegalArgumentException("duplicate field " + fields[i].name());
            }
            if (fields[i].isTagged()) {
                tagged.add(i);
            }
        }
        tagged.sort(Comparator.comparingInt(i -> fields[i].tag()));
        for (int i = 1; i < tagged.size(); i++) {
            Field a = fields[tagged.get(i - 1)];
            Field b = fields[tagged.get(i)];
            if (a.tag() == b.tag() && a.versions().highest() >= b.versions().lowest()
                    && b.versions().highest() >= a.versions().lowest()) {
                throw new IllegalArgumentException("tag " + a.tag() + " used by " + a.name() + " and " + b.name());
            }
        }
        this.taggedByTag = tagged.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return a schema of these fields, in wire order */
    public static Schema of(Field... fields) {
        return new Schema(fields.clone());
    }

    /** @return the fields in wire order */
    public List<Field> fields() {
        return List.of(fields);
    }

    /** @return the field called {@code name} */
    public Field field(String name) {
        return fields[indexOf(name)];
    }

    int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no field " + name + " in " + this);
        }
        return i;
    }

    int fieldCount() {
        return fields.length;
    }

    Field fieldAt(int i) {
        return fields[i];
    }

    /** @return a struct of this schema with every field at its default */
    public Struct newStruct() {
        return new Struct(this);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sizing

    /** @return the number of bytes {@link #write} writes for {@code s} at {@code version} */
    public int sizeOf(Struct s, short version, boolean flexible) {
        checkSchema(s);
        int size = 0;
        int taggedCount = 0;
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            Object v = s.raw(i);
            if (!f.versions().contains(version)) {
                checkAbsent(f, v, version);
            } else if (f.isTagged()) {
                if (!f.isDefault(v)) {
                    taggedCount++;
                    int valueSize = sizeOfValue(f, f.type(), v, version, flexible);
                    size += ProtocolWriter.sizeOfUnsignedVarint(f.tag())
                            + ProtocolWriter.sizeOfUnsignedVarint(valueSize) + valueSize;
                }
            } else {
                size += sizeOfValue(f, f.type(), v, version, flexible);
            }
        }
        if (flexible) {
            size += ProtocolWriter.sizeOfUnsignedVarint(taggedCount);
        } else if (taggedCount > 0) {
            throw new IllegalStateException("tagged fields in a non-flexible version " + version);
        }
        return size;
    }

    private int sizeOfValue(Field f, Type type, Object v, short version, boolean flexible) {
        switch (type) {
            case STRING: {
                if (v == null) {
                    checkNullable(f, version);
                    return flexible ? 1 : 2;
                }
                int len = ProtocolWriter.sizeOfUtf8((String) v);
                return (flexible ? ProtocolWriter.sizeOfUnsignedVarint(len + 1) : 2) + len;
            }
            case BYTES: {
                if (v == null) {
                    checkNullable(f, version);
                    return flexible ? 1 : 4;
                }
                int len = ((byte[]) v).length;
                return (flexible ? ProtocolWriter.sizeOfUnsignedVarint(len + 1) : 4) + len;
            }
            case ARRAY: {
                if (v == null) {
                    checkNullable(f, version);
                    return flexible ? 1 : 4;
                }
                List<?> list = (List<?>) v;
                int size = flexible ? ProtocolWriter.sizeOfUnsignedVarint(list.size() + 1) : 4;
                for (Object e : list) {
                    size += f.elementType() == Type.STRUCT
                            ? f.elementSchema().sizeOf((Struct) requireElement(f, e), version, flexible)
                            : sizeOfValue(f, f.elementType(), requireElement(f, e), version, flexible);
                }
                return size;
            }
            default:
                requirePrimitive(f, v);
                return type.fixedSize();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Writing

    /** Writes {@code s} at {@code version}; fields the version lacks must hold their default unless ignorable. */
    public void write(ProtocolWriter w, Struct s, short version, boolean flexible) {
        checkSchema(s);
        int taggedCount = 0;
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            Object v = s.raw(i);
            if (!f.versions().contains(version)) {
                checkAbsent(f, v, version);
            } else if (f.isTagged()) {
                if (!f.isDefault(v)) {
                    taggedCount++;
                }
            } else {
                writeValue(w, f, f.type(), v, version, flexible);
            }
        }
        if (!flexible) {
            if (taggedCount > 0) {
                throw new IllegalStateException("tagged fields in a non-flexible version " + version);
            }
            return;
        }
        w.unsignedVarint(taggedCount);
        for (int i : taggedByTag) {
            Field f = fields[i];
            Object v = s.raw(i);
            if (f.versions().contains(version) && !f.isDefault(v)) {
                w.unsignedVarint(f.tag());
                w.unsignedVarint(sizeOfValue(f, f.type(), v, version, true));
                writeValue(w, f, f.type(), v, version, true);
            }
        }
    }

    private void writeValue(ProtocolWriter w, Field f, Type type, Object v, short version, boolean flexible) {
        switch (type) {
            case BOOL -> w.bool((Boolean) requirePrimitive(f, v));
            case INT8 -> w.int8((Byte) requirePrimitive(f, v));
            case INT16 -> w.int16((Short) requirePrimitive(f, v));
            case INT32 -> w.int32((Integer) requirePrimitive(f, v));
            case INT64 -> w.int64((Long) requirePrimitive(f, v));
            case UUID -> w.uuid((UUID) requirePrimitive(f, v));
            case STRING -> {
                if (v == null) {
                    checkNullable(f, version);
                }
                if (flexible) {
                    w.compactNullableString((String) v);
                } else {
                    w.nullableString((String) v);
                }
            }
            case BYTES -> {
                if (v == null) {
                    checkNullable(f, version);
                }
                if (flexible) {
                    w.compactNullableBytes((byte[]) v);
                } else {
                    w.nullableBytes((byte[]) v);
                }
            }
            case ARRAY -> {
                List<?> list = (List<?>) v;
                if (list == null) {
                    checkNullable(f, version);
                }
                int n = list == null ? -1 : list.size();
                if (flexible) {
                    w.compactArrayLength(n);
                } else {
                    w.arrayLength(n);
                }
                for (int i = 0; i < n; i++) {
                    Object e = list.get(i);
                    if (f.elementType() == Type.STRUCT) {
                        f.elementSchema().write(w, (Struct) requireElement(f, e), version, flexible);
                    } else {
                        writeValue(w, f, f.elementType(), requireElement(f, e), version, flexible);
                    }
                }
            }
            case STRUCT -> throw new IllegalStateException(f + ": a struct is only an array element");
        }
    }

    private static Object requirePrimitive(Field f, Object v) {
        if (v == null) {
            throw new IllegalArgumentException(f.name() + " must not be null");
        }
        return v;
    }

    private static Object requireElement(Field f, Object e) {
        if (e == null) {
            throw new IllegalArgumentException(f.name() + " must not hold a null element");
        }
        return e;
    }

    private static void checkNullable(Field f, short version) {
        if (!f.nullableVersions().contains(version)) {
            throw new IllegalArgumentException(f.name() + " must not be null at v" + version + " (nullable in v"
                    + f.nullableVersions() + ")");
        }
    }

    private static void checkAbsent(Field f, Object v, short version) {
        if (!f.isIgnorable() && !f.isDefault(v)) {
            throw new IllegalArgumentException(f.name() + " = " + describe(v) + " cannot be sent at v" + version
                    + ": the field exists in v" + f.versions() + " only");
        }
    }

    private static String describe(Object v) {
        return v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v);
    }

    private void checkSchema(Struct s) {
        if (s.schema() != this) {
            throw new IllegalArgumentException("struct of another schema");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading

    /**
     * Reads a struct at {@code version}. Fields the version lacks hold their defaults.
     *
     * @throws ProtocolException if the bytes are malformed
     */
    public Struct read(ProtocolReader r, short version, boolean flexible) {
        Struct s = new Struct(this);
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            if (f.versions().contains(version) && !f.isTagged()) {
                s.setRaw(i, readValue(r, f, f.type(), version, flexible));
            }
        }
        if (flexible) {
            readTaggedFields(r, s, version);
        }
        return s;
    }

    private void readTaggedFields(ProtocolReader r, Struct s, short version) {
        int count = r.unsignedVarint();
        if (count < 0) {
            throw new ProtocolException("tagged field count " + Integer.toUnsignedString(count));
        }
        // Each field takes at least two bytes (tag, size), so a wild count ends with the bytes, not in a long loop.
        for (int n = 0; n < count; n++) {
            int tag = r.unsignedVarint();
            int size = r.unsignedVarint();
            if (size < 0 || size > r.remaining()) {
                throw new ProtocolException("tagged field " + tag + " of " + Integer.toUnsignedString(size)
                        + " bytes does not fit in the " + r.remaining() + " bytes left");
            }
            int i = taggedIndex(tag, version);
            if (i < 0) {
                r.skip(size); // a tag this client does not know: what tagged fields exist for
            } else {
                Field f = fields[i];
                s.setRaw(i, readValue(new ProtocolReader(r.slice(size)), f, f.type(), version, true));
            }
        }
    }

    private int taggedIndex(int tag, short version) {
        for (int i : taggedByTag) {
            if (fields[i].tag() == tag && fields[i].versions().contains(version)) {
                return i;
            }
        }
        return -1;
    }

    private Object readValue(ProtocolReader r, Field f, Type type, short version, boolean flexible) {
        switch (type) {
            case BOOL:
                return r.bool();
            case INT8:
                return r.int8();
            case INT16:
                return r.int16();
            case INT32:
                return r.int32();
            case INT64:
                return r.int64();
            case UUID:
                return r.uuid();
            case STRING: {
                String v = flexible ? r.compactNullableString() : r.nullableString();
                return v == null ? readNull(f, version) : v;
            }
            case BYTES: {
                byte[] v = flexible ? r.compactNullableBytes() : r.nullableBytes();
                return v == null ? readNull(f, version) : v;
            }
            case ARRAY: {
                int min = f.elementType() == Type.STRUCT ? f.elementSchema().minSize(version, flexible)
                        : minSize(f.elementType(), version, flexible);
                int n = flexible ? r.compactArrayLength(Math.max(1, min)) : r.arrayLength(Math.max(1, min));
                if (n < 0) {
                    return readNull(f, version);
                }
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(f.elementType() == Type.STRUCT ? f.elementSchema().read(r, version, flexible)
                            : readValue(r, f, f.elementType(), version, flexible));
                }
                return list;
            }
            default:
                throw new IllegalStateException(f + ": a struct is only an array element");
        }
    }

    private static Object readNull(Field f, short version) {
        if (!f.nullableVersions().contains(version)) {
            throw new ProtocolException(f.name() + " is null but not nullable at v" + version);
        }
        return null;
    }

    /** @return the fewest bytes a struct of this schema takes at {@code version} */
    int minSize(short version, boolean flexible) {
        int size = flexible ? 1 : 0;
        for (Field f : fields) {
            if (f.versions().contains(version) && !f.isTagged()) {
                size += minSize(f.type(), version, flexible);
            }
        }
        return size;
    }

    private static int minSize(Type type, short version, boolean flexible) {
        return switch (type) {
            case STRING -> flexible ? 1 : 2;
            case BYTES, ARRAY -> flexible ? 1 : 4;
            case STRUCT -> 1;
            default -> type.fixedSize();
        };
    }

    @Override
    public String toString() {
        return "Schema" + Arrays.toString(fields);
    }
}
