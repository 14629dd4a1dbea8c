package io.hpkafka.internal.protocol.record;

import io.hpkafka.record.Header;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.serialization.MemorySerializable;
import io.hpkafka.config.CompressionLibraries;
import io.hpkafka.internal.protocol.compression.RecordCompression;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static io.hpkafka.internal.protocol.record.RecordBatchLayout.*;

/**
 * Writes one record batch v2 into a {@link ProtocolWriter}: {@link #begin}, then {@link #append} per record, then
 * {@link #end}, which fills the header (length, counts, max timestamp, CRC-32C). Not thread-safe; reusable.
 * Uncompressed records are written in place; compressed ones are staged in a scratch writer (kept, so it grows to
 * the largest batch this writer has seen) and compressed into the target by {@link RecordCompression} at
 * {@link #end}.
 */
public final class RecordBatchWriter {

    /** Largest record body, in bytes, whose length varint and bytes still fit in one array. */
    private static final int MAX_RECORD_BODY = Integer.MAX_VALUE - 16;

    private final ProtocolWriter scratch = new ProtocolWriter(1024);
    private final CRC32C crc = new CRC32C();
    private final List<byte[]> headerKeys = new ArrayList<>();
    private ProtocolWriter out;
    private ProtocolWriter records;
    private CompressionCodec codec;
    private int start;
    private long baseTimestamp;
    private long maxTimestamp;
    private int count;

    /**
     * Starts a batch at the writer's position.
     *
     * @param writer where the batch goes
     * @param codec compression of the records
     * @param baseTimestamp timestamp of the first record, ms since the epoch
     * @throws IllegalStateException if the codec's library is not on the classpath (LZ4, ZSTD: optional jars)
     */
    public void begin(ProtocolWriter writer, CompressionCodec codec, long baseTimestamp) {
        if (!CompressionLibraries.isAvailable(codec)) {
            // Configuration.build() refuses such a codec; fail here too, before a byte is written.
            throw new IllegalStateException(CompressionLibraries.missingLibraryMessage(codec));
        }
        this.out = writer;
        this.codec = codec;
        this.start = writer.skip(HEADER_SIZE);
        this.baseTimestamp = baseTimestamp;
        this.maxTimestamp = baseTimestamp;
        this.count = 0;
        if (codec == CompressionCodec.NONE) {
            this.records = writer;
        } else {
            scratch.reset();
            this.records = scratch;
        }
    }

    /**
     * Appends a record; its offset delta is its index in the batch.
     *
     * @param timestamp ms since the epoch
     * @param key key bytes or null
     * @param value value bytes or null
     * @param headers headers, not null
     */
    public void append(long timestamp, byte[] key, byte[] value, List<Header> headers) {
        append(timestamp, key, value, null, value == null ? -1 : value.length, headers);
    }

    /**
     * Appends a record whose value writes itself straight into the batch, with no intermediate array.
     *
     * @param value called for {@link MemorySerializable#serializedSize()} and once to write exactly that many bytes
     * @throws IllegalStateException if the value announces a negative size, or writes another number of bytes
     *     than it announced
     * @throws IllegalArgumentException if the record would take more than about 2 GiB (checked before any room is
     *     made for it)
     */
    public void append(long timestamp, byte[] key, MemorySerializable value, List<Header> headers) {
        append(timestamp, key, null, value, value.serializedSize(), headers);
    }

    private void append(long timestamp, byte[] key, byte[] valueBytes, MemorySerializable valueWriter, int valueSize,
                        List<Header> headers) {
        if (valueWriter != null && valueSize < 0) {
            throw new IllegalStateException(valueWriter.getClass().getName() + ".serializedSize() returned "
                    + valueSize);
        }
        long timestampDelta = timestamp - baseTimestamp;
        int offsetDelta = count;
        int headerCount = headers.size();
        // Summed in long: a key and a value near 2 GiB each must fail clearly here, not wrap to a small size.
        long body = 1 + ProtocolWriter.sizeOfVarlong(timestampDelta) + ProtocolWriter.sizeOfVarint(offsetDelta)
                + sizeOfBytes(key) + (valueSize < 0 ? 1 : ProtocolWriter.sizeOfVarint(valueSize) + (long) valueSize)
                + ProtocolWriter.sizeOfVarint(headerCount);
        if (headerCount > 0) {
            headerKeys.clear();
            for (int i = 0; i < headerCount; i++) {
                Header h = headers.get(i);
                byte[] k = h.key().getBytes(StandardCharsets.UTF_8);
                headerKeys.add(k);
                body += sizeOfBytes(k) + sizeOfBytes(h.value());
            }
        }
        if (body > MAX_RECORD_BODY) {
            throw new IllegalArgumentException("a record of " + body + " bytes cannot be encoded (at most "
                    + MAX_RECORD_BODY + ")");
        }
        int bodySize = (int) body;
        // One bounds check for the whole record, then plain array stores: this runs once per produced record.
        int at = records.skip(ProtocolWriter.sizeOfVarint(bodySize) + bodySize);
        byte[] a = records.array();
        at = ProtocolWriter.putVarint(a, at, bodySize);
        a[at++] = 0; // record attributes: unused
        at = ProtocolWriter.putVarlong(a, at, timestampDelta);
        at = ProtocolWriter.putVarint(a, at, offsetDelta);
        at = putBytes(a, at, key);
        if (valueWriter != null) {
            at = ProtocolWriter.putVarint(a, at, valueSize);
            ByteBuffer target = ByteBuffer.wrap(a, at, valueSize);
            valueWriter.serialize(target);
            if (target.position() != at + valueSize) {
                throw new IllegalStateException(valueWriter.getClass().getName() + " wrote "
                        + (target.position() - at) + " bytes but announced " + valueSize);
            }
            at += valueSize;
        } else {
            at = putBytes(a, at, valueBytes);
        }
        at = ProtocolWriter.putVarint(a, at, headerCount);
        for (int i = 0; i < headerCount; i++) {
            at = putBytes(a, at, headerKeys.get(i));
            at = putBytes(a, at, headers.get(i).value());
        }
        if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        count++;
    }

    /** @return records appended since {@link #begin} */
    public int count() {
        return count;
    }

    /**
     * Compresses the records if the batch has a codec, then completes the batch header; the writer's position is
     * then just after the batch.
     */
    public void end() {
        if (codec != CompressionCodec.NONE) {
            RecordCompression.compress(codec, scratch.array(), 0, scratch.position(), out);
        }
        byte[] a = out.array();
        int end = out.position();
        putLong(a, start + BASE_OFFSET, 0L);
        out.setInt32(start + BATCH_LENGTH, end - start - LOG_OVERHEAD);
        out.setInt32(start + PARTITION_LEADER_EPOCH, -1);
        a[start + MAGIC] = 2;
        int attributes = codec.attributeId(); // CreateTime, not transactional, not control
        a[start + ATTRIBUTES] = (byte) (attributes >>> 8);
        a[start + ATTRIBUTES + 1] = (byte) attributes;
        out.setInt32(start + LAST_OFFSET_DELTA, count - 1);
        putLong(a, start + BASE_TIMESTAMP, baseTimestamp);
        putLong(a, start + MAX_TIMESTAMP, maxTimestamp);
        putLong(a, start + PRODUCER_ID, -1L);
        a[start + PRODUCER_EPOCH] = (byte) 0xFF;
        a[start + PRODUCER_EPOCH + 1] = (byte) 0xFF;
        out.setInt32(start + BASE_SEQUENCE, -1);
        out.setInt32(start + RECORD_COUNT, count);
        crc.reset();
        crc.update(a, start + ATTRIBUTES, end - start - ATTRIBUTES);
        out.setInt32(start + CRC, (int) crc.getValue());
        out = null;
        records = null;
    }

    private void putLong(byte[] a, int at, long v) {
        out.setInt32(at, (int) (v >>> 32));
        out.setInt32(at + 4, (int) v);
    }

    private static long sizeOfBytes(byte[] b) {
        return b == null ? 1 : ProtocolWriter.sizeOfVarint(b.length) + (long) b.length;
    }

    /** Writes varint length (-1 for null) and bytes. */
    private static int putBytes(byte[] a, int at, byte[] b) {
        if (b == null) {
            return ProtocolWriter.putVarint(a, at, -1);
        }
        at = ProtocolWriter.putVarint(a, at, b.length);
        System.arraycopy(b, 0, a, at, b.length);
        return at + b.length;
    }
}
