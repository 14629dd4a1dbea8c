package io.hpkafka.internal.protocol.compression;

import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;
import org.xerial.snappy.SnappyErrorCode;

import java.io.IOException;

/**
 * snappy (codec 2) with snappy-java. Writes the xerial framing byte for byte as the Java client's
 * SnappyOutputStream does (header, then one chunk per 32 KiB of input); reads that framing, several headers in one
 * stream (concatenated streams), and a raw snappy block without any framing.
 */
final class SnappyCodec implements BatchCodec {

    /** 0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00: the first byte is not a valid start of a raw block's length varint. */
    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    /** Magic, then int32 version and int32 minimum compatible version. */
    private static final int HEADER_BYTES = MAGIC.length + 8;
    private static final int VERSION = 1;
    private static final int COMPATIBLE_VERSION = 1;
    /** SnappyOutputStream's default block size, which the Java client keeps. */
    static final int BLOCK_BYTES = 32 * 1024;

    private final byte[] staging = new byte[Snappy.maxCompressedLength(BLOCK_BYTES)];

    @Override
    public void compress(byte[] src, int offset, int length, ProtocolWriter out) {
        out.bytes(MAGIC, 0, MAGIC.length);
        BatchCodec.writeInt32(out, VERSION);
        BatchCodec.writeInt32(out, COMPATIBLE_VERSION);
        try {
            for (int at = offset, end = offset + length; at < end; at += BLOCK_BYTES) {
                int n = Snappy.compress(src, at, Math.min(BLOCK_BYTES, end - at), staging, 0);
                BatchCodec.writeInt32(out, n);
                out.bytes(staging, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException("snappy compression into memory failed", e);
        }
    }

    @Override
    public void decompress(byte[] src, int offset, int length, DecompressionBuffer out) {
        int end = offset + length;
        if (!hasMagic(src, offset, end)) {
            uncompressBlock(src, offset, length, out);
            return;
        }
        int at = offset;
        while (at < end) {
            if (hasMagic(src, at, end)) {
                if (end - at < HEADER_BYTES) {
                    throw new ProtocolException("snappy (xerial) header is truncated");
                }
                at += HEADER_BYTES;
                continue;
            }
            if (end - at < 4) {
                throw new ProtocolException("snappy (xerial) chunk length is truncated");
            }
            int chunk = BatchCodec.int32(src, at);
            at += 4;
            if (chunk <= 0 || chunk > end - at) {
                throw new ProtocolException("snappy (xerial) chunk of " + chunk + " bytes with " + (end - at)
                        + " bytes left");
            }
            uncompressBlock(src, at, chunk, out);
            at += chunk;
        }
    }

    private static boolean hasMagic(byte[] a, int at, int end) {
        if (end - at < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (a[at + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static void uncompressBlock(byte[] src, int at, int length, DecompressionBuffer out) {
        try {
            // The block states its uncompressed length up front: check it before making room for it.
            int declared = Snappy.uncompressedLength(src, at, length);
            if (declared < 0) {
                throw new ProtocolException("snappy block declares " + declared + " bytes");
            }
            out.reserve(declared);
            int n = Snappy.uncompress(src, at, length, out.array(), out.size());
            if (n != declared) {
                throw new ProtocolException("snappy block inflated to " + n + " bytes, declared " + declared);
            }
            out.advance(n);
        } catch (IOException e) {
            throw new ProtocolException("snappy data is malformed: " + e.getMessage(), e);
        } catch (SnappyError e) {
            if (e.errorCode == SnappyErrorCode.FAILED_TO_LOAD_NATIVE_LIBRARY
                    || e.errorCode == SnappyErrorCode.UNSUPPORTED_PLATFORM) {
                throw e; // the platform, not the data
            }
            throw new ProtocolException("snappy data is malformed: " + e.getMessage(), e);
        }
    }
}
