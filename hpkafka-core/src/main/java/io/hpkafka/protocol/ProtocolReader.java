package io.hpkafka.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked, big-endian reader of Kafka protocol primitives over a buffer. Every length read from the wire is
 * checked against the bytes that remain before anything is allocated, so a malformed response gives a
 * {@link ProtocolException}, never an out-of-memory or a read past the frame.
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

    public String string() {
        String s = nullableString();
        if (s == null) {
            throw new ProtocolException("null where a string is required");
        }
        return s;
    }

    public String nullableString() {
        int len = int16();
        if (len < 0) {
            return null;
        }
        need(len, "string");
        String s = new String(buf.array(), buf.arrayOffset() + buf.position(), len, StandardCharsets.UTF_8);
        buf.position(buf.position() + len);
        return s;
    }

    /** Reads {@code len} bytes into a new array; {@code len} is checked against the remaining bytes first. */
    public byte[] bytes(int len) {
        need(len, "bytes");
        byte[] out = new byte[len];
        buf.get(out);
        return out;
    }

    /**
     * Returns the next {@code len} bytes as a view sharing this reader's memory, and skips them.
     */
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

    public void skip(int n) {
        need(n, "skipped bytes");
        buf.position(buf.position() + n);
    }
}
