package io.hpkafka.internal.protocol.compression;

import io.hpkafka.config.CompressionLibraries;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;

import java.nio.ByteBuffer;

/**
 * Compresses and decompresses the records section of a record batch v2 (the bytes after the 61-byte header) with
 * the codec named by attribute bits 0-2, in the framing the Java client uses (see the package documentation).
 * <p>
 * Thread-safe: each thread works in its own workspace (codec contexts and buffers kept between calls, buffers over
 * 1 MiB not kept), so steady-state compression and decompression allocate next to nothing.
 */
public final class RecordCompression {

    /**
     * Largest decompressed records section accepted, in bytes (256 MiB). A batch inflating beyond it is refused as
     * malformed: a decompression bomb costs at most this much heap, never an out-of-memory.
     */
    public static final int MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

    private RecordCompression() {
    }

    /**
     * Appends {@code src[offset, offset + length)} to {@code out}, compressed with {@code codec}.
     *
     * @param codec any codec but {@link CompressionCodec#NONE}
     * @param src the uncompressed records section
     * @param offset index in bytes of its first byte in {@code src}
     * @param length its length in bytes
     * @param out where the compressed bytes go, from its position on
     * @throws IllegalArgumentException for {@link CompressionCodec#NONE}
     * @throws IllegalStateException if the codec's library is not on the classpath (see
     *         {@link CompressionLibraries}) or cannot load
     */
    public static void compress(CompressionCodec codec, byte[] src, int offset, int length, ProtocolWriter out) {
        if (codec == CompressionCodec.NONE) {
            throw new IllegalArgumentException("NONE is not a compression codec");
        }
        Workspace ws = Workspace.acquire();
        try {
            ws.codec(codec).compress(src, offset, length, out);
        } finally {
            ws.release();
        }
    }

    /**
     * Decompresses a records section, refusing more than {@link #MAX_DECOMPRESSED_BYTES}.
     *
     * @param codecId attribute bits 0-2 of the batch, 1 to 7
     * @param compressed the compressed records section, position to limit; its position is not moved
     * @return the decompressed bytes, lent until closed
     * @throws ProtocolException if the id names no codec, the codec's library is missing, or the bytes are malformed,
     *         truncated or inflate beyond the limit
     */
    public static DecompressedRecords decompress(int codecId, ByteBuffer compressed) {
        return decompress(codecId, compressed, MAX_DECOMPRESSED_BYTES);
    }

    /** {@link #decompress(int, ByteBuffer)} with a limit in bytes; tests use small ones. */
    static DecompressedRecords decompress(int codecId, ByteBuffer compressed, int limitBytes) {
        CompressionCodec codec = codecOf(codecId);
        Workspace ws = Workspace.acquire();
        try {
            BatchCodec c;
            try {
                c = ws.codec(codec);
            } catch (IllegalStateException e) {
                // Not malformed, but the batch cannot be read here: the caller's typed error path still applies.
                throw new ProtocolException(e.getMessage(), e);
            }
            ws.output.begin(limitBytes);
            c.decompress(ws.inputArray(compressed), Workspace.inputOffset(compressed), compressed.remaining(),
                    ws.output);
            return ws.lease.open(ws.output.view());
        } catch (ProtocolException e) {
            ws.release();
            throw e;
        } catch (RuntimeException e) {
            // A codec library failing on input we did not foresee: still a malformed batch, not a client bug.
            ws.release();
            throw new ProtocolException(codec + " data is malformed: " + e, e);
        } catch (Error e) {
            ws.release();
            throw e;
        }
    }

    private static CompressionCodec codecOf(int id) {
        return switch (id) {
            case 1 -> CompressionCodec.GZIP;
            case 2 -> CompressionCodec.SNAPPY;
            case 3 -> CompressionCodec.LZ4;
            case 4 -> CompressionCodec.ZSTD;
            case 0 -> throw new IllegalArgumentException("codec id 0 means uncompressed");
            default -> throw new ProtocolException("unknown compression codec id " + id);
        };
    }
}
