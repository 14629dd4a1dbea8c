package io.hpkafka.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Bounds-checked, big-endian reader of Kafka protocol primitives over a buffer. Every length read from the wire is
 * checked against the bytes that remain before anything is allocated, so a malformed response gives a
 * {@link ProtocolException}, never an out-of-memory or a read past the frame.
 * <p>
 * Both encodings of variable-length fields are here: the classic ones (int16 string length, int32 bytes and array
 * lengths, -1 for null) and the compact ones of flexible versions (KIP-482: unsigned varint of length + 1, 0 for
 * null), plus the tagged-field section that ends every flexible struct.
 */
public final class ProtocolReader {

    private final ByteBuffer buf;

    /** @param buf the bytes to read, from its position to its limit; the reader advances its position */
    public ProtocolReader(ByteBuffer buf) {
        this.buf = buf;
    }

    /** @return bytes left to read */
    public int remaining() { return buf.remaining(); }

    /** @return the current read position in the underlying buffer */
    public int position() { return buf.position(); }

    private void need(int n, String what) {
        if (n < 0 || buf.remaining() < n) {
            throw new ProtocolException("truncated " + what + ": need " + n + " bytes, " + buf.remaining() + " left");
        }
    }

    public byte int8() {
        need(1, "int8");
        return buf.get();
    }

    public boolean bool() {
        return int8() != 0;
    }

    public short int16() {
        need(2, "int16");
        return buf.getShort();
    }

    public int int32() {
        need(4, "int32");
        return buf.getInt();
    }

    public long int64() {
        need(8, "int64");
        return buf.getLong();
    }

    public int unsignedVarint() {
        if (buf.hasArray() && buf.remaining() >= 5) {
            // Every record field is a varint: read the backing array with one bounds check, not one per byte.
            byte[] a = buf.array();
            int base = buf.arrayOffset();
            int i = base + buf.position();
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                byte b = a[i++];
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    buf.position(i - base);
                    return value;
                }
            }
            throw new ProtocolException("varint longer than 5 bytes");
        }
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = int8();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ProtocolException("varint longer than 5 bytes");
    }

    public int varint() {
        int z = unsignedVarint();
        return (z >>> 1) ^ -(z & 1);
    }

    public long varlong() {
        if (buf.hasArray() && buf.remaining() >= 10) {
            byte[] a = buf.array();
            int base = buf.arrayOffset();
            int i = base + buf.position();
            long value = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                byte b = a[i++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    buf.position(i - base);
                    return (value >>> 1) ^ -(value & 1);
                }
            }
            throw new ProtocolException("varlong longer than 10 bytes");
        }
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = int8();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new ProtocolException("varlong longer than 10 bytes");
    }

    /** Protocol {@code STRING}: int16 length then UTF-8 bytes. */
    public String string() {
        String s = nullableString();
        if (s == null) {
            throw new ProtocolException("null where a string is required");
        }
        return s;
    }

    /** Protocol {@code NULLABLE_STRING}: int16 length, -1 for null. */
    public String nullableString() {
        int len = int16();
        if (len == -1) {
            return null;
        }
        if (len < 0) {
            throw new ProtocolException("negative string length " + len);
        }
        return utf8(len);
    }

    /** Protocol {@code COMPACT_STRING} (flexible versions). */
    public String compactString() {
        String s = compactNullableString();
        if (s == null) {
            throw new ProtocolException("null where a string is required");
        }
        return s;
    }

    /** Protocol {@code COMPACT_NULLABLE_STRING}: unsigned varint of length + 1, 0 for null. */
    public String compactNullableString() {
        int len = compactLength("string");
        return len < 0 ? null : utf8(len);
    }

    private String utf8(int len) {
        need(len, "string");
        String s;
        if (buf.hasArray()) {
            s = new String(buf.array(), buf.arrayOffset() + buf.position(), len, StandardCharsets.UTF_8);
            buf.position(buf.position() + len);
        } else {
            byte[] copy = new byte[len];
            buf.get(copy);
            s = new String(copy, StandardCharsets.UTF_8);
        }
        return s;
    }

    /**
     * Reads a compact length (unsigned varint of length + 1) and checks it against the bytes left.
     *
     * @return the length, or -1 for null
     */
    private int compactLength(String what) {
        int n = unsignedVarint();
        if (n == 0) {
            return -1;
        }
        int len = n - 1;
        if (len < 0 || len > buf.remaining()) {
            throw new ProtocolException("compact " + what + " length " + Integer.toUnsignedString(n) + "-1 does not "
                    + "fit in the " + buf.remaining() + " bytes left");
        }
        return len;
    }

    /** Protocol {@code NULLABLE_BYTES}: int32 length, -1 for null; the length is checked before allocating. */
    public byte[] nullableBytes() {
        int len = int32();
        if (len == -1) {
            return null;
        }
        return bytes(len);
    }

    /** Protocol {@code COMPACT_NULLABLE_BYTES} (flexible versions); the length is checked before allocating. */
    public byte[] compactNullableBytes() {
        int len = compactLength("bytes");
        return len < 0 ? null : bytes(len);
    }

    /** Reads the size prefix of a {@code RECORDS} field (int32, -1 for null), checked against the bytes left. */
    public int recordsLength() {
        int len = int32();
        if (len < -1 || len > buf.remaining()) {
            throw new ProtocolException("records size " + len + " does not fit in the " + buf.remaining()
                    + " bytes left");
        }
        return len;
    }

    /** Reads the size prefix of a {@code COMPACT_RECORDS} field (flexible versions), -1 for null. */
    public int compactRecordsLength() {
        return compactLength("records");
    }

    /** Protocol {@code UUID}: 16 bytes, most significant half first. */
    public UUID uuid() {
        long most = int64();
        long least = int64();
        return new UUID(most, least);
    }

    /** Reads {@code len} bytes into a new array; {@code len} is checked against the remaining bytes first. */
    public byte[] bytes(int len) {
        need(len, "bytes");
        byte[] out = new byte[len];
        buf.get(out);
        return out;
    }

    /** @return the buffer this reader reads (the whole response frame when read by a connection) */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Returns the next {@code len} bytes as a view sharing this reader's memory, and skips them. */
    public ByteBuffer slice(int len) {
        need(len, "bytes");
        ByteBuffer view = buf.slice(buf.position(), len);
        buf.position(buf.position() + len);
        return view;
    }

    /**
     * Reads an {@code ARRAY} length (int32; -1 = null) and checks it is plausible: each element takes at least
     * {@code minElementSize} bytes, so more elements than remaining bytes allow is a malformed response.
     */
    public int arrayLength(int minElementSize) {
        int n = int32();
        if (n < -1 || (n > 0 && (long) n * minElementSize > buf.remaining())) {
            throw new ProtocolException("array length " + n + " does not fit in the " + buf.remaining() + " bytes left");
        }
        return n;
    }

    /**
     * Reads a compact {@code ARRAY} length (unsigned varint of count + 1, 0 = null) and checks it is plausible, like
     * {@link #arrayLength(int)}.
     *
     * @return the element count, or -1 for null
     */
    public int compactArrayLength(int minElementSize) {
        int n = unsignedVarint();
        if (n == 0) {
            return -1;
        }
        int count = n - 1;
        if (count < 0 || (long) count * Math.max(minElementSize, 0) > buf.remaining()) {
            throw new ProtocolException("compact array length " + Integer.toUnsignedString(n) + "-1 does not fit in "
                    + "the " + buf.remaining() + " bytes left");
        }
        return count;
    }

    /**
     * Skips the tagged-field section that ends a struct in flexible versions (KIP-482): a count, then per field its
     * tag, its size and its bytes. Unknown tags are what newer brokers add; skipping them is the point of the format.
     */
    public void skipTaggedFields() {
        int count = unsignedVarint();
        if (count < 0) {
            throw new ProtocolException("tagged field count " + Integer.toUnsignedString(count));
        }
        for (int i = 0; i < count; i++) {
            unsignedVarint(); // tag
            int size = unsignedVarint();
            if (size < 0) {
                throw new ProtocolException("tagged field size " + Integer.toUnsignedString(size));
            }
            skip(size);
        }
    }

    /** @return the next int16 without consuming it */
    public short peekInt16() {
        need(2, "int16");
        return buf.getShort(buf.position());
    }

    public void skip(int n) {
        need(n, "skipped bytes");
        buf.position(buf.position() + n);
    }
}
