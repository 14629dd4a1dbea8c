package io.hpkafka.internal.protocol.compression;

import io.hpkafka.config.CompressionLibraries;
import io.hpkafka.config.CompressionCodec;

import java.nio.ByteBuffer;

/**
 * One thread's compression state: a codec instance per codec in use (buffers, zlib and zstd contexts) and the
 * decompression output. Acquired for one compression or decompression and released after it; a thread that
 * re-enters while its own workspace is out (a record sink that decodes again) gets a private one, so a lease is
 * never overwritten under its holder.
 */
final class Workspace {

    /** Buffers larger than this are used once and dropped rather than kept per thread, in bytes. */
    static final int RETAINED_BYTES = 1024 * 1024;

    private static final ThreadLocal<Workspace> PER_THREAD = ThreadLocal.withInitial(Workspace::new);
    private static final byte[] EMPTY = new byte[0];

    /** Indexed by codec attribute id; created on first use so an absent optional library is never touched. */
    private final BatchCodec[] codecs = new BatchCodec[CompressionCodec.values().length];
    final DecompressionBuffer output = new DecompressionBuffer();
    final DecompressedRecords lease = new DecompressedRecords(this);
    /** Copy of compressed input that is not on the heap (a direct buffer): codecs read heap arrays. */
    private byte[] inputCopy = EMPTY;
    private boolean inUse;

    static Workspace acquire() {
        Workspace ws = PER_THREAD.get();
        if (ws.inUse) {
            ws = new Workspace();
        }
        ws.inUse = true;
        return ws;
    }

    void release() {
        output.release(RETAINED_BYTES);
        if (inputCopy.length > RETAINED_BYTES) {
            inputCopy = EMPTY;
        }
        inUse = false;
    }

    /**
     * @return the codec's instance of this workspace
     * @throws IllegalStateException if the codec's library is not on the classpath or cannot load
     */
    BatchCodec codec(CompressionCodec codec) {
        BatchCodec c = codecs[codec.attributeId()];
        if (c == null) {
            if (!CompressionLibraries.isAvailable(codec)) {
                throw new IllegalStateException(CompressionLibraries.missingLibraryMessage(codec));
            }
            try {
                c = switch (codec) {
                    case GZIP -> new GzipCodec();
                    case SNAPPY -> new SnappyCodec();
                    case LZ4 -> new Lz4Codec();
                    case ZSTD -> new ZstdCodec();
                    case NONE -> throw new IllegalArgumentException("NONE has no codec");
                };
            } catch (LinkageError e) { // a jar of the wrong version, or a native library for another platform
                throw new IllegalStateException(codec + " compression cannot load its library: " + e, e);
            }
            codecs[codec.attributeId()] = c;
        }
        return c;
    }

    /** @return the compressed bytes as a heap array: the buffer's own, or a copy of a direct buffer's */
    byte[] inputArray(ByteBuffer compressed) {
        if (compressed.hasArray()) {
            return compressed.array();
        }
        int n = compressed.remaining();
        if (inputCopy.length < n) {
            inputCopy = new byte[n];
        }
        compressed.get(compressed.position(), inputCopy, 0, n);
        return inputCopy;
    }

    /** @return where {@link #inputArray} put the first compressed byte */
    static int inputOffset(ByteBuffer compressed) {
        return compressed.hasArray() ? compressed.arrayOffset() + compressed.position() : 0;
    }
}
