package io.hpkafka.internal.protocol.compression;

import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * gzip (codec 1) with the JDK's zlib. The gzip member is framed here rather than by GZIPOutputStream /
 * GZIPInputStream because those end their Deflater / Inflater on close: a fresh zlib state per batch costs about
 * 300 KiB of native memory and its set-up; one reset per batch costs nothing.
 */
final class GzipCodec implements BatchCodec {

    private static final int HEADER_BYTES = 10;
    private static final int TRAILER_BYTES = 8;
    /** ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=255 (unknown), as the JDK's GZIPOutputStream writes since JDK 16. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xFF};
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int FRESERVED = 0xE0;
    /** Inflate output step when nothing better is known. */
    private static final int INFLATE_STEP = 32 * 1024;

    // Level -1 (zlib's 6) is the Java client's default for compression.gzip.level.
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] staging = new byte[32 * 1024];

    @Override
    public void compress(byte[] src, int offset, int length, ProtocolWriter out) {
        out.bytes(HEADER, 0, HEADER_BYTES);
        deflater.reset();
        deflater.setInput(src, offset, length);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(staging, 0, staging.length);
            out.bytes(staging, 0, n);
        }
        crc.reset();
        crc.update(src, offset, length);
        BatchCodec.writeInt32Le(out, (int) crc.getValue());
        BatchCodec.writeInt32Le(out, length); // ISIZE: length modulo 2^32
    }

    @Override
    public void decompress(byte[] src, int offset, int length, DecompressionBuffer out) {
        int end = offset + length;
        int at = offset;
        do { // a gzip stream may hold several members; each inflates after the previous one
            at = skipHeader(src, at, end);
            at = inflateMember(src, at, end, out);
        } while (at < end);
    }

    /** @return the position after the member's trailer */
    private int inflateMember(byte[] src, int at, int end, DecompressionBuffer out) {
        int start = out.size();
        inflater.reset();
        inflater.setInput(src, at, end - at);
        try {
            while (!inflater.finished()) {
                int room = out.reserveUpTo(Math.max(INFLATE_STEP, out.spare()));
                int n = inflater.inflate(out.array(), out.size(), room);
                out.advance(n);
                if (n == 0 && !inflater.finished()) {
                    if (inflater.needsInput()) {
                        throw new ProtocolException("gzip data is truncated");
                    }
                    if (inflater.needsDictionary()) {
                        throw new ProtocolException("gzip data asks for a preset dictionary");
                    }
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolException("gzip data is malformed: " + e.getMessage(), e);
        }
        at = end - inflater.getRemaining();
        if (end - at < TRAILER_BYTES) {
            throw new ProtocolException("gzip trailer is truncated");
        }
        int inflated = out.size() - start;
        crc.reset();
        crc.update(out.array(), start, inflated);
        if (BatchCodec.int32Le(src, at) != (int) crc.getValue() || BatchCodec.int32Le(src, at + 4) != inflated) {
            throw new ProtocolException("gzip trailer does not match the inflated data (CRC-32 or size)");
        }
        return at + TRAILER_BYTES;
    }

    /** @return the position of the deflate data after the member header at {@code at} */
    private static int skipHeader(byte[] a, int at, int end) {
        if (end - at < HEADER_BYTES) {
            throw new ProtocolException("gzip header is truncated");
        }
        if (a[at] != 0x1f || a[at + 1] != (byte) 0x8b || a[at + 2] != 8) {
            throw new ProtocolException("not gzip data (bad magic or method)");
        }
        int flags = a[at + 3] & 0xFF;
        if ((flags & FRESERVED) != 0) {
            throw new ProtocolException("gzip header has reserved flags set");
        }
        at += HEADER_BYTES;
        if ((flags & FEXTRA) != 0) {
            if (end - at < 2) {
                throw new ProtocolException("gzip header is truncated");
            }
            int extra = BatchCodec.uint16Le(a, at);
            if (end - at - 2 < extra) {
                throw new ProtocolException("gzip header is truncated");
            }
            at += 2 + extra;
        }
        if ((flags & FNAME) != 0) {
            at = skipZeroTerminated(a, at, end);
        }
        if ((flags & FCOMMENT) != 0) {
            at = skipZeroTerminated(a, at, end);
        }
        if ((flags & FHCRC) != 0) {
            // Not checked: the batch's CRC-32C already covers these bytes.
            if (end - at < 2) {
                throw new ProtocolException("gzip header is truncated");
            }
            at += 2;
        }
        return at;
    }

    private static int skipZeroTerminated(byte[] a, int at, int end) {
        while (at < end) {
            if (a[at++] == 0) {
                return at;
            }
        }
        throw new ProtocolException("gzip header is truncated");
    }
}
