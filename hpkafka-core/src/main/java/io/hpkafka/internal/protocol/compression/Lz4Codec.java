package io.hpkafka.internal.protocol.compression;

import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * lz4 (codec 3): the LZ4 frame format with lz4-java's block codec. Only this class names lz4-java, and it is loaded
 * only when a batch uses lz4, so the optional jar may be absent otherwise.
 * <p>
 * Written as the Java client writes it: 64 KiB independent blocks, a block that does not shrink stored as is, no
 * checksums but the header one, computed over the descriptor only (Kafka before 0.10 wrongly included the magic,
 * KAFKA-3160; record batch v2 never carries that form). Read: any block size, block and content checksums checked
 * when present, the content size checked when present, several frames and skippable frames in sequence.
 */
final class Lz4Codec implements BatchCodec {

    private static final int MAGIC = 0x184D2204;
    /** Skippable frames: magic 0x184D2A50 to 0x184D2A5F, then a LE length and that many bytes. */
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int SKIPPABLE_MASK = 0xFFFFFFF0;

    private static final int FLG_VERSION_MASK = 0xC0;
    private static final int FLG_VERSION_1 = 0x40;
    private static final int FLG_BLOCK_INDEPENDENCE = 0x20;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    /** Bit 0 is a dictionary id (not used by Kafka), bit 1 is reserved. */
    private static final int FLG_UNSUPPORTED = 0x03;
    private static final int BD_BLOCK_SIZE_SHIFT = 4;
    private static final int BD_RESERVED = 0x8F;
    /** Block maximum size id 4: 64 KiB, what the Java client writes. */
    private static final int BD_64KB = 4 << BD_BLOCK_SIZE_SHIFT;
    private static final int BLOCK_BYTES = 64 * 1024;
    private static final int STORED_BLOCK = 0x80000000;

    // Thread-safe and stateless: one of each for the JVM.
    private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();
    /** Magic, FLG, BD, HC: the same seven bytes for every frame written. */
    private static final byte[] FRAME_HEADER = frameHeader();

    private final byte[] staging = new byte[COMPRESSOR.maxCompressedLength(BLOCK_BYTES)];

    private static byte[] frameHeader() {
        byte[] h = {(byte) MAGIC, (byte) (MAGIC >>> 8), (byte) (MAGIC >>> 16), (byte) (MAGIC >>> 24),
                (byte) (FLG_VERSION_1 | FLG_BLOCK_INDEPENDENCE), (byte) BD_64KB, 0};
        h[6] = headerChecksum(h, 4, 2);
        return h;
    }

    private static byte headerChecksum(byte[] a, int descriptorAt, int descriptorLength) {
        return (byte) (XXHASH.hash(a, descriptorAt, descriptorLength, 0) >>> 8);
    }

    @Override
    public void compress(byte[] src, int offset, int length, ProtocolWriter out) {
        out.bytes(FRAME_HEADER, 0, FRAME_HEADER.length);
        for (int at = offset, end = offset + length; at < end; at += BLOCK_BYTES) {
            int block = Math.min(BLOCK_BYTES, end - at);
            int n = COMPRESSOR.compress(src, at, block, staging, 0, staging.length);
            if (n >= block) {
                BatchCodec.writeInt32Le(out, block | STORED_BLOCK);
                out.bytes(src, at, block);
            } else {
                BatchCodec.writeInt32Le(out, n);
                out.bytes(staging, 0, n);
            }
        }
        BatchCodec.writeInt32Le(out, 0); // end mark
    }

    @Override
    public void decompress(byte[] src, int offset, int length, DecompressionBuffer out) {
        int end = offset + length;
        int at = offset;
        do {
            need(at, 4, end, "frame magic");
            int magic = BatchCodec.int32Le(src, at);
            if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
                need(at + 4, 4, end, "skippable frame length");
                int skip = BatchCodec.int32Le(src, at + 4);
                need(at + 8, skip, end, "skippable frame");
                at += 8 + skip;
            } else if (magic == MAGIC) {
                at = decompressFrame(src, at + 4, end, out);
            } else {
                throw new ProtocolException("not lz4 frame data (magic " + Integer.toHexString(magic) + ")");
            }
        } while (at < end);
    }

    /** @return the position after the frame whose descriptor starts at {@code at} */
    private static int decompressFrame(byte[] src, int at, int end, DecompressionBuffer out) {
        need(at, 2, end, "frame descriptor");
        int flg = src[at] & 0xFF;
        int bd = src[at + 1] & 0xFF;
        if ((flg & FLG_VERSION_MASK) != FLG_VERSION_1 || (flg & FLG_UNSUPPORTED) != 0 || (bd & BD_RESERVED) != 0) {
            throw new ProtocolException("lz4 frame descriptor not supported (FLG " + flg + ", BD " + bd + ")");
        }
        if ((flg & FLG_BLOCK_INDEPENDENCE) == 0) {
            // The Java client rejects linked blocks too; nothing in the Kafka world writes them.
            throw new ProtocolException("lz4 frame with linked blocks is not supported");
        }
        int blockSizeId = bd >>> BD_BLOCK_SIZE_SHIFT;
        if (blockSizeId < 4) {
            throw new ProtocolException("lz4 frame block size id " + blockSizeId + " is not defined");
        }
        int maxBlock = 1 << (2 * blockSizeId + 8); // 64 KiB, 256 KiB, 1 MiB, 4 MiB
        boolean blockChecksum = (flg & FLG_BLOCK_CHECKSUM) != 0;
        boolean contentChecksum = (flg & FLG_CONTENT_CHECKSUM) != 0;
        int descriptor = (flg & FLG_CONTENT_SIZE) != 0 ? 10 : 2;
        need(at, descriptor + 1, end, "frame descriptor");
        if (src[at + descriptor] != headerChecksum(src, at, descriptor)) {
            throw new ProtocolException("lz4 frame descriptor checksum does not match");
        }
        long contentSize = -1;
        if (descriptor == 10) {
            contentSize = (BatchCodec.int32Le(src, at + 2) & 0xFFFFFFFFL)
                    | (long) BatchCodec.int32Le(src, at + 6) << 32;
            if (contentSize < 0 || contentSize > out.available()) {
                throw out.beyondLimit();
            }
        }
        at += descriptor + 1;
        int start = out.size();
        while (true) {
            need(at, 4, end, "block size");
            int word = BatchCodec.int32Le(src, at);
            at += 4;
            if (word == 0) {
                break; // end mark
            }
            int size = word & ~STORED_BLOCK;
            if (size > maxBlock) {
                throw new ProtocolException("lz4 block of " + size + " bytes exceeds the frame's " + maxBlock);
            }
            need(at, size + (blockChecksum ? 4 : 0), end, "block");
            if ((word & STORED_BLOCK) != 0) {
                out.reserve(size);
                System.arraycopy(src, at, out.array(), out.size(), size);
                out.advance(size);
            } else {
                int room = out.reserveUpTo(maxBlock);
                try {
                    out.advance(DECOMPRESSOR.decompress(src, at, size, out.array(), out.size(), room));
                } catch (LZ4Exception e) {
                    throw new ProtocolException("lz4 block is malformed"
                            + (room < maxBlock ? " or inflates beyond the limit" : "") + ": " + e.getMessage(), e);
                }
            }
            at += size;
            if (blockChecksum) {
                if (XXHASH.hash(src, at - size, size, 0) != BatchCodec.int32Le(src, at)) {
                    throw new ProtocolException("lz4 block checksum does not match");
                }
                at += 4;
            }
        }
        int inflated = out.size() - start;
        if (contentSize >= 0 && contentSize != inflated) {
            throw new ProtocolException("lz4 frame declares " + contentSize + " bytes, inflated to " + inflated);
        }
        if (contentChecksum) {
            need(at, 4, end, "content checksum");
            if (XXHASH.hash(out.array(), start, inflated, 0) != BatchCodec.int32Le(src, at)) {
                throw new ProtocolException("lz4 content checksum does not match");
            }
            at += 4;
        }
        return at;
    }

    private static void need(int at, int n, int end, String what) {
        if (n < 0 || end - at < n) {
            throw new ProtocolException("lz4 " + what + " is truncated");
        }
    }
}
