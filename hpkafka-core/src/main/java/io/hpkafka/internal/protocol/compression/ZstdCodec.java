package io.hpkafka.internal.protocol.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;

import java.lang.ref.Cleaner;

/**
 * zstd (codec 4) with zstd-jni. Only this class names zstd-jni, and it is loaded only when a batch uses zstd, so the
 * optional jar may be absent otherwise.
 * <p>
 * One native compression and one decompression context per instance, created on first use and reused: zstd-jni
 * frees them only on close, so a {@link Cleaner} closes them once the owning thread's workspace is gone (pool
 * threads retire after being idle).
 * <p>
 * Both directions are single-shot over heap arrays. Written frames carry their content size, which the reader then
 * uses to size its output exactly. Frames without it (the Java client streams, so it never writes one) are inflated
 * into a guessed size that grows fourfold while zstd reports it too small, up to the limit. Single-shot decoding
 * also means no window buffer: a frame that claims a huge window costs nothing before it is refused.
 */
final class ZstdCodec implements BatchCodec {

    /** The Java client's default compression.zstd.level. */
    static final int LEVEL = 3;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final long DST_SIZE_TOO_SMALL = Zstd.errDstSizeTooSmall();
    private static final int MIN_GUESS = 64 * 1024;
    /** Assumed ratio for the first try when a frame does not state its size. */
    private static final int GUESSED_RATIO = 4;

    private final Contexts contexts = new Contexts();
    private byte[] staging = new byte[0];

    ZstdCodec() {
        CLEANER.register(this, contexts);
    }

    /** The native contexts; the cleaning action, so it must not refer back to the codec. */
    private static final class Contexts implements Runnable {
        ZstdCompressCtx compress;
        ZstdDecompressCtx decompress;

        @Override
        public void run() {
            if (compress != null) {
                compress.close();
            }
            if (decompress != null) {
                decompress.close();
            }
        }
    }

    @Override
    public void compress(byte[] src, int offset, int length, ProtocolWriter out) {
        if (contexts.compress == null) {
            contexts.compress = new ZstdCompressCtx().setLevel(LEVEL);
        }
        int bound = (int) Zstd.compressBound(length);
        byte[] dst = staging.length >= bound ? staging : new byte[bound];
        if (bound <= Workspace.RETAINED_BYTES) {
            staging = dst;
        }
        int n = contexts.compress.compressByteArray(dst, 0, bound, src, offset, length);
        out.bytes(dst, 0, n);
    }

    @Override
    public void decompress(byte[] src, int offset, int length, DecompressionBuffer out) {
        if (contexts.decompress == null) {
            contexts.decompress = new ZstdDecompressCtx();
        }
        if (length == 0) {
            throw new ProtocolException("zstd data is empty");
        }
        long declared = Zstd.getFrameContentSize(src, offset, length); // negative: unknown, or not a frame
        if (declared > out.available()) {
            throw out.beyondLimit();
        }
        int capacity = declared >= 0 ? (int) declared
                : (int) Math.min(out.available(),
                        Math.max(out.spare(), Math.max(MIN_GUESS, (long) GUESSED_RATIO * length)));
        while (true) {
            out.reserve(capacity);
            try {
                out.advance(contexts.decompress.decompressByteArray(out.array(), out.size(), capacity, src, offset,
                        length));
                return;
            } catch (ZstdException e) {
                if (e.getErrorCode() != DST_SIZE_TOO_SMALL) {
                    throw new ProtocolException("zstd data is malformed: " + e.getMessage(), e);
                }
                if (capacity >= out.available()) {
                    throw out.beyondLimit();
                }
                capacity = (int) Math.min(out.available(), Math.max(MIN_GUESS, (long) GUESSED_RATIO * capacity));
            }
        }
    }
}
