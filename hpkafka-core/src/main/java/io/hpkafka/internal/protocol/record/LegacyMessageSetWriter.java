package io.hpkafka.internal.protocol.record;

import io.hpkafka.record.Header;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.config.CompressionLibraries;
import io.hpkafka.internal.protocol.compression.RecordCompression;

import java.util.List;
import java.util.zip.CRC32;

import static io.hpkafka.internal.protocol.record.LegacyMessageLayout.*;

/**
 * Writes one legacy message set, magic 0 or 1 (see {@link LegacyMessageLayout}), into a {@link ProtocolWriter}:
 * {@link #begin}, {@link #append} per record, {@link #end}. Produce v0-v1 carry magic 0, Produce v2 magic 1.
 * <p>
 * Uncompressed messages are written in place with offsets 0, 1, ... (the broker assigns the real ones). A compressed
 * set is staged in a scratch writer and closed at {@link #end} into one wrapper message (null key, CreateTime, the
 * highest timestamp, offset of the last inner message); inner offsets are 0, 1, ... as the Java client writes them
 * (relative in magic 1; in magic 0 the broker rewrites them). GZIP and SNAPPY (xerial framing) in both magics; LZ4
 * in magic 1 only (magic 0 used a frame checksum the broker computed wrongly, KAFKA-3160); no ZSTD (magic 2 only).
 * Legacy messages have no headers: a record with headers is refused. Not thread-safe; reusable.
 */
public final class LegacyMessageSetWriter {

    private final ProtocolWriter scratch = new ProtocolWriter(1024);
    private final CRC32 crc = new CRC32();
    private ProtocolWriter out;
    private ProtocolWriter messages;
    private CompressionCodec codec;
    private byte magic;
    private long maxTimestamp;
    private int count;

    /**
     * Starts a message set at the writer's position.
     *
     * @param writer where the set goes
     * @param magic 0 or 1
     * @param codec compression of the set: NONE, GZIP, SNAPPY, or LZ4 with magic 1
     * @throws IllegalArgumentException for a codec the magic cannot carry, or another magic
     * @throws IllegalStateException if the codec's library is not on the classpath
     */
    public void begin(ProtocolWriter writer, byte magic, CompressionCodec codec) {
        if (magic != 0 && magic != 1) {
            throw new IllegalArgumentException("legacy message sets have magic 0 or 1, not " + magic);
        }
        if (codec == CompressionCodec.ZSTD || (codec == CompressionCodec.LZ4 && magic == 0)) {
            throw new IllegalArgumentException(codec + " cannot be written in message format v" + magic);
        }
        if (!CompressionLibraries.isAvailable(codec)) {
            throw new IllegalStateException(CompressionLibraries.missingLibraryMessage(codec));
        }
        this.out = writer;
        this.magic = magic;
        this.codec = codec;
        this.maxTimestamp = -1L;
        this.count = 0;
        if (codec == CompressionCodec.NONE) {
            this.messages = writer;
        } else {
            scratch.reset();
            this.messages = scratch;
        }
    }

    /**
     * Appends a message; its offset is its index in the set.
     *
     * @param timestamp ms since the epoch (dropped in magic 0)
     * @param key key bytes or null
     * @param value value bytes or null
     * @param headers must be empty
     * @throws IllegalArgumentException if the record has headers
     */
    public void append(long timestamp, byte[] key, byte[] value, List<Header> headers) {
        if (!headers.isEmpty()) {
            throw new IllegalArgumentException("message format v" + magic + " (compatibility mode) cannot carry "
                    + "record headers; " + headers.size() + " given");
        }
        int at = writeHeader(messages, count, 0, timestamp);
        writeBytes(messages, key);
        writeBytes(messages, value);
        finish(messages, at);
        if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        count++;
    }

    /** @return messages appended since {@link #begin} */
    public int count() {
        return count;
    }

    /** Closes a compressed set into its wrapper message; the writer's position is then just after the set. */
    public void end() {
        if (codec != CompressionCodec.NONE) {
            int at = writeHeader(out, count - 1L, codec.attributeId(), maxTimestamp);
            out.int32(-1); // null key
            int valueLengthAt = out.skip(4);
            RecordCompression.compress(codec, scratch.array(), 0, scratch.position(), out);
            out.setInt32(valueLengthAt, out.position() - valueLengthAt - 4);
            finish(out, at);
        }
        out = null;
        messages = null;
    }

    /** Writes offset, a size and CRC to fill, magic, attributes and (magic 1) timestamp; returns the start. */
    private int writeHeader(ProtocolWriter w, long offset, int attributes, long timestamp) {
        int at = w.position();
        w.int64(offset);
        w.skip(8); // message size, crc
        w.int8(magic);
        w.int8(attributes); // codec; CreateTime
        if (magic == 1) {
            w.int64(timestamp);
        }
        return at;
    }

    private void finish(ProtocolWriter w, int at) {
        int end = w.position();
        w.setInt32(at + MESSAGE_SIZE, end - at - LOG_OVERHEAD);
        crc.reset();
        crc.update(w.array(), at + MAGIC, end - at - MAGIC);
        w.setInt32(at + CRC, (int) crc.getValue());
    }

    private static void writeBytes(ProtocolWriter w, byte[] b) {
        if (b == null) {
            w.int32(-1);
        } else {
            w.int32(b.length);
            w.bytes(b, 0, b.length);
        }
    }
}
