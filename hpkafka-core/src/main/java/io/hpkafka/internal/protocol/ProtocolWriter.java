package io.hpkafka.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Big-endian writer of Kafka protocol primitives into a growable heap array. Not thread-safe: one writer encodes one
 * request at a time. Positions are byte indexes into {@link #array()}.
 * <p>
 * Variable-length fields come in the classic encoding (int16 / int32 length, -1 for null) and the compact one of
 * flexible versions (KIP-482: unsigned varint of length + 1, 0 for null); {@code sizeOf*} helpers let callers size a
 * message before writing it.
 */
public final class ProtocolWriter {

    /** Largest array the JVMs in use allocate, in bytes (a few below Integer.MAX_VALUE hold the array header). */
    private static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

    private byte[] buf;
    private int pos;

    /** @param initialCapacity initial size of the backing array in bytes */
    public ProtocolWriter(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    /** @return the backing array; bytes {@code [0, position())} are written */
    public byte[] array() { return buf; }

    /** Forgets what was written; the array is kept for reuse. */
    public void reset() { pos = 0; }

    /** @return bytes written so far */
    public int position() { return pos; }

    /** @return the written bytes as a buffer that shares the array, positioned at 0 */
    public ByteBuffer toByteBuffer() { return ByteBuffer.wrap(buf, 0, pos); }

    private void ensure(int extra) {
        if (extra < 0 || extra > buf.length - pos) { // no sum of sizes here: pos + extra could wrap past 2 GiB
            grow(extra);
        }
    }

    private void grow(int extra) {
        if (extra < 0 || extra > MAX_ARRAY_SIZE - pos) {
            throw new IllegalArgumentException("cannot make room for " + extra + " more bytes after " + pos
                    + " (an array holds at most " + MAX_ARRAY_SIZE + ")");
        }
        int newSize = (int) Math.min(MAX_ARRAY_SIZE, Math.max(2L * buf.length, (long) pos + extra));
        byte[] grown = new byte[newSize];
        System.arraycopy(buf, 0, grown, 0, pos);
        buf = grown;
    }

    /** Reserves {@code n} bytes to be filled later with the {@code set*} methods; returns their position. */
    public int skip(int n) {
        ensure(n);
        int at = pos;
        pos += n;
        return at;
    }

    public ProtocolWriter int8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public ProtocolWriter bool(boolean v) {
        return int8(v ? 1 : 0);
    }

    public ProtocolWriter int16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public ProtocolWriter int32(int v) {
        ensure(4);
        setInt32(pos, v);
        pos += 4;
        return this;
    }

    public ProtocolWriter int64(long v) {
        ensure(8);
        setInt32(pos, (int) (v >>> 32));
        setInt32(pos + 4, (int) v);
        pos += 8;
        return this;
    }

    /** Writes {@code v} at an earlier position (big-endian), e.g. a length known only after its payload. */
    public void setInt32(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** Zig-zag signed varint, as record fields use (record batch v2). */
    public ProtocolWriter varint(int v) {
        return unsignedVarint((v << 1) ^ (v >> 31));
    }

    /** Zig-zag signed varlong, as record timestamps deltas use. */
    public ProtocolWriter varlong(long v) {
        ensure(10);
        pos = putVarlong(buf, pos, v);
        return this;
    }

    /** Unsigned varint (flexible versions' lengths). */
    public ProtocolWriter unsignedVarint(int v) {
        ensure(5);
        pos = putUnsignedVarint(buf, pos, v);
        return this;
    }

    /**
     * Writes an unsigned varint into {@code a} at {@code at} with no bounds check of its own, for callers that
     * reserved the room for a whole record at once.
     *
     * @return the position after it
     */
    public static int putUnsignedVarint(byte[] a, int at, int v) {
        while ((v & ~0x7F) != 0) {
            a[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        a[at++] = (byte) v;
        return at;
    }

    /** Zig-zag signed varint at {@code at}, unchecked as {@link #putUnsignedVarint}; returns the position after it. */
    public static int putVarint(byte[] a, int at, int v) {
        return putUnsignedVarint(a, at, (v << 1) ^ (v >> 31));
    }

    /** Zig-zag signed varlong at {@code at}, unchecked as {@link #putUnsignedVarint}; returns the position after it. */
    public static int putVarlong(byte[] a, int at, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            a[at++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        a[at++] = (byte) z;
        return at;
    }

    public ProtocolWriter bytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** Protocol {@code STRING}: int16 length then UTF-8 bytes. */
    public ProtocolWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string longer than 32767 bytes: " + b.length);
        }
        int16(b.length);
        return bytes(b, 0, b.length);
    }

    /** Protocol {@code NULLABLE_STRING}: length -1 for null. */
    public ProtocolWriter nullableString(String s) {
        return s == null ? int16(-1) : string(s);
    }

    /** Protocol {@code ARRAY} length prefix (int32; -1 for null). */
    public ProtocolWriter arrayLength(int n) {
        return int32(n);
    }

    /** Compact {@code ARRAY} length prefix (flexible versions): unsigned varint of count + 1; -1 writes null. */
    public ProtocolWriter compactArrayLength(int n) {
        return unsignedVarint(n + 1);
    }

    /** Protocol {@code COMPACT_STRING}: unsigned varint of length + 1, then UTF-8 bytes. */
    public ProtocolWriter compactString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string longer than 32767 bytes: " + b.length);
        }
        unsignedVarint(b.length + 1);
        return bytes(b, 0, b.length);
    }

    /** Protocol {@code COMPACT_NULLABLE_STRING}: 0 for null. */
    public ProtocolWriter compactNullableString(String s) {
        return s == null ? unsignedVarint(0) : compactString(s);
    }

    /** Protocol {@code NULLABLE_BYTES}: int32 length, -1 for null. */
    public ProtocolWriter nullableBytes(byte[] b) {
        if (b == null) {
            return int32(-1);
        }
        int32(b.length);
        return bytes(b, 0, b.length);
    }

    /** Protocol {@code COMPACT_NULLABLE_BYTES}: unsigned varint of length + 1, 0 for null. */
    public ProtocolWriter compactNullableBytes(byte[] b) {
        if (b == null) {
            return unsignedVarint(0);
        }
        unsignedVarint(b.length + 1);
        return bytes(b, 0, b.length);
    }

    /** Protocol {@code UUID}: 16 bytes, most significant half first. */
    public ProtocolWriter uuid(UUID id) {
        int64(id.getMostSignificantBits());
        return int64(id.getLeastSignificantBits());
    }

    /** An empty tagged-field section (flexible versions): this client sets no tagged field it does not declare. */
    public ProtocolWriter emptyTaggedFields() {
        return unsignedVarint(0);
    }

    /**
     * Fills a gap of {@code reservedBytes} at {@code at}, left by {@link #skip(int)}, with an unsigned varint whose
     * value was known only after the bytes that follow it were written (a compact records size). When the varint
     * needs another size than was reserved, the bytes after the gap are moved: one copy, only then.
     */
    public void fillUnsignedVarint(int at, int reservedBytes, int value) {
        int delta = sizeOfUnsignedVarint(value) - reservedBytes;
        if (delta != 0) {
            int tail = at + reservedBytes;
            if (delta > 0) {
                ensure(delta);
            }
            System.arraycopy(buf, tail, buf, tail + delta, pos - tail);
            pos += delta;
        }
        int p = at;
        int v = value;
        while ((v & ~0x7F) != 0) {
            buf[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[p] = (byte) v;
    }

    /** Makes room for at least {@code n} more bytes, so a sized message is written without regrowing. */
    public void ensureCapacity(int n) {
        ensure(n);
    }

    /** @return the number of UTF-8 bytes of {@code s}, without encoding it */
    public static int sizeOfUtf8(String s) {
        int bytes = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // String.getBytes writes a lone surrogate as '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** @return the number of bytes {@link #varint(int)} writes for {@code v} */
    public static int sizeOfVarint(int v) {
        return sizeOfUnsignedVarint((v << 1) ^ (v >> 31));
    }

    /** @return the number of bytes {@link #unsignedVarint(int)} writes for {@code v} */
    public static int sizeOfUnsignedVarint(int v) {
        return (31 - Integer.numberOfLeadingZeros(v | 1)) / 7 + 1; // 7 bits per byte
    }

    /** @return the number of bytes {@link #varlong(long)} writes for {@code v} */
    public static int sizeOfVarlong(long v) {
        long z = (v << 1) ^ (v >> 63);
        return (63 - Long.numberOfLeadingZeros(z | 1)) / 7 + 1;
    }
}
