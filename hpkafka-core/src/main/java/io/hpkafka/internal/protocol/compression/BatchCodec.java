package io.hpkafka.internal.protocol.compression;

import io.hpkafka.internal.protocol.ProtocolWriter;

/**
 * One compression codec in its Kafka framing. An instance belongs to one {@link Workspace}, hence one thread at a
 * time; it may keep buffers and native contexts between calls.
 */
interface BatchCodec {

    /**
     * Appends {@code src[offset, offset + length)} to {@code out}, compressed and framed as the Java client does.
     */
    void compress(byte[] src, int offset, int length, ProtocolWriter out);

    /**
     * Appends the decompressed form of {@code src[offset, offset + length)} to {@code out}.
     *
     * @throws io.hpkafka.internal.protocol.ProtocolException if the bytes are malformed or inflate beyond {@code out}'s limit
     */
    void decompress(byte[] src, int offset, int length, DecompressionBuffer out);

    // ---- byte order helpers shared by the framings ----

    static int int32(byte[] a, int at) {
        return (a[at] & 0xFF) << 24 | (a[at + 1] & 0xFF) << 16 | (a[at + 2] & 0xFF) << 8 | (a[at + 3] & 0xFF);
    }

    static int int32Le(byte[] a, int at) {
        return (a[at] & 0xFF) | (a[at + 1] & 0xFF) << 8 | (a[at + 2] & 0xFF) << 16 | (a[at + 3] & 0xFF) << 24;
    }

    static int uint16Le(byte[] a, int at) {
        return (a[at] & 0xFF) | (a[at + 1] & 0xFF) << 8;
    }

    /** Appends {@code v} little-endian; ProtocolWriter only writes big-endian. */
    static void writeInt32Le(ProtocolWriter out, int v) {
        int at = out.skip(4);
        byte[] a = out.array();
        a[at] = (byte) v;
        a[at + 1] = (byte) (v >>> 8);
        a[at + 2] = (byte) (v >>> 16);
        a[at + 3] = (byte) (v >>> 24);
    }

    static void writeInt32(ProtocolWriter out, int v) {
        out.setInt32(out.skip(4), v);
    }
}
