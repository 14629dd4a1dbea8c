package io.hpkafka.internal.protocol.record;

import io.hpkafka.record.Header;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TimestampType;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.compression.DecompressedRecords;
import io.hpkafka.internal.protocol.compression.RecordCompression;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import static io.hpkafka.internal.protocol.record.RecordBatchLayout.*;

/**
 * Reads the record batches (magic 2) of one partition's fetched bytes. Stateless and thread-safe. Entries with magic
 * 0 or 1 (legacy message sets: what Fetch v0-v3 returns, or an old log's data) go to {@link LegacyMessageSetReader},
 * so one response may mix both formats.
 * <p>
 * A response may end in the middle of a batch (the broker cuts at the size limit): complete batches are delivered
 * and the returned next offset points at the cut-off batch, so the caller fetches it again. Control batches and
 * records below the fetch offset (a fetch that starts inside a batch) are never delivered. Compressed batches (any
 * codec, see {@link RecordCompression}) are inflated into the calling thread's reusable buffer, at most
 * {@link RecordCompression#MAX_DECOMPRESSED_BYTES} each; records are copied out before it is reused.
 */
public final class RecordBatchReader {

    private RecordBatchReader() {
    }

    /**
     * @param records the fetched bytes of one partition (position to limit); consumed
     * @param topic topic, copied into each record
     * @param partition partition, copied into each record
     * @param fetchOffset the offset the fetch started at; records below it are skipped
     * @param sink receives the records in offset order
     * @return the offset to fetch next: one past the last complete batch read, or {@code fetchOffset} if none
     * @throws ProtocolException on a bad CRC, an unknown magic or codec, lengths that do not add up, compressed
     *         records that are malformed or inflate beyond {@link RecordCompression#MAX_DECOMPRESSED_BYTES}, or a
     *         codec whose optional library (lz4-java, zstd-jni) is not on the classpath
     */
    public static long read(ByteBuffer records, String topic, int partition, long fetchOffset,
                            Consumer<KafkaRecord> sink) {
        long next = fetchOffset;
        ByteBuffer buf = records.slice();
        while (buf.remaining() >= LOG_OVERHEAD) {
            int at = buf.position();
            long baseOffset = buf.getLong(at + BASE_OFFSET);
            int batchLength = buf.getInt(at + BATCH_LENGTH);
            byte magic = buf.remaining() > MAGIC ? buf.get(at + MAGIC) : -1;
            if (magic == 0 || magic == 1) {
                // A legacy message set entry (same offset, length and magic positions): Fetch v0-v3, or an old log
                if (batchLength > buf.remaining() - LOG_OVERHEAD) {
                    break; // cut off at the size limit: fetch it again
                }
                if (!LegacyMessageSetReader.plausible(magic, batchLength)) {
                    throw new ProtocolException("message at offset " + baseOffset + " has size " + batchLength);
                }
                ByteBuffer entry = buf.slice(at, LOG_OVERHEAD + batchLength);
                buf.position(at + LOG_OVERHEAD + batchLength);
                next = Math.max(next, LegacyMessageSetReader.readEntry(entry, topic, partition, fetchOffset, sink));
                continue;
            }
            if (batchLength < HEADER_SIZE - LOG_OVERHEAD) {
                if (buf.remaining() < HEADER_SIZE) {
                    break; // a cut-off header cannot be told from a short one: refetch
                }
                throw new ProtocolException("record batch at offset " + baseOffset + " has length " + batchLength);
            }
            int size = LOG_OVERHEAD + batchLength;
            if (size > buf.remaining()) {
                break; // the last batch was cut off at the fetch size limit: fetch it again from its offset
            }
            ByteBuffer batch = buf.slice(at, size);
            buf.position(at + size);
            next = Math.max(next, readBatch(batch, topic, partition, fetchOffset, sink));
        }
        return next;
    }

    private static long readBatch(ByteBuffer b, String topic, int partition, long fetchOffset,
                                  Consumer<KafkaRecord> sink) {
        long baseOffset = b.getLong(BASE_OFFSET);
        byte magic = b.get(MAGIC);
        if (magic != 2) {
            throw new ProtocolException("record batch at offset " + baseOffset + " has magic " + magic);
        }
        int storedCrc = b.getInt(CRC);
        CRC32C crc = new CRC32C();
        crc.update(b.slice(ATTRIBUTES, b.limit() - ATTRIBUTES));
        if ((int) crc.getValue() != storedCrc) {
            throw new ProtocolException("record batch at offset " + baseOffset + " fails its CRC-32C check");
        }
        short attributes = b.getShort(ATTRIBUTES);
        int lastOffsetDelta = b.getInt(LAST_OFFSET_DELTA);
        long next = baseOffset + lastOffsetDelta + 1;
        if ((attributes & CONTROL_MASK) != 0 || next <= fetchOffset) {
            return next; // control batches (transaction markers) never reach the user
        }
        long baseTimestamp = b.getLong(BASE_TIMESTAMP);
        long maxTimestamp = b.getLong(MAX_TIMESTAMP);
        int count = b.getInt(RECORD_COUNT);
        boolean logAppendTime = (attributes & TIMESTAMP_TYPE_MASK) != 0;
        TimestampType type = logAppendTime ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
        if (count == 0) {
            return next; // nothing to inflate: the log cleaner leaves such batches behind
        }
        ByteBuffer body = b.slice(RECORDS, b.limit() - RECORDS);
        int codec = attributes & COMPRESSION_MASK;
        Batch batch = new Batch(topic, partition, baseOffset, count, logAppendTime, baseTimestamp, maxTimestamp,
                type);
        if (codec == 0) {
            readRecords(body, batch, fetchOffset, sink);
            return next;
        }
        DecompressedRecords inflated;
        try {
            inflated = RecordCompression.decompress(codec, body);
        } catch (ProtocolException e) {
            throw new ProtocolException("record batch at offset " + baseOffset + ": " + e.getMessage(), e);
        }
        try (inflated) {
            readRecords(inflated.buffer(), batch, fetchOffset, sink); // copies every record out of the buffer
        }
        return next;
    }

    /** The header fields every record of a batch needs. */
    private record Batch(String topic, int partition, long baseOffset, int count, boolean logAppendTime,
                         long baseTimestamp, long maxTimestamp, TimestampType type) {
    }

    private static void readRecords(ByteBuffer body, Batch batch, long fetchOffset, Consumer<KafkaRecord> sink) {
        int count = batch.count;
        long baseOffset = batch.baseOffset;
        if (count < 0 || count > body.remaining()) {
            throw new ProtocolException("record batch at offset " + baseOffset + " claims " + count + " records");
        }
        ProtocolReader rec = new ProtocolReader(body);
        for (int i = 0; i < count; i++) {
            // Read in place, then check the record kept within its length: no view object per record.
            int length = rec.varint();
            if (length < 0 || length > rec.remaining()) {
                throw new ProtocolException("record " + i + " of the batch at offset " + baseOffset + " claims "
                        + length + " bytes, " + rec.remaining() + " left");
            }
            int end = rec.position() + length;
            rec.int8(); // record attributes: unused
            long timestampDelta = rec.varlong();
            int offsetDelta = rec.varint();
            byte[] key = nullableBytes(rec);
            byte[] value = nullableBytes(rec);
            int headerCount = rec.varint();
            if (headerCount < 0 || headerCount > end - rec.position()) {
                throw new ProtocolException("record at offset " + (baseOffset + offsetDelta) + " claims "
                        + headerCount + " headers");
            }
            List<Header> headers = headerCount == 0 ? List.of() : new ArrayList<>(headerCount);
            for (int h = 0; h < headerCount; h++) {
                byte[] hk = nullableBytes(rec);
                if (hk == null) {
                    throw new ProtocolException("record header with a null key");
                }
                headers.add(new Header(new String(hk, StandardCharsets.UTF_8), nullableBytes(rec)));
            }
            if (rec.position() > end) {
                throw new ProtocolException("record " + i + " of the batch at offset " + baseOffset
                        + " overruns its length of " + length + " bytes");
            }
            rec.skip(end - rec.position()); // bytes a newer record format may add
            long offset = baseOffset + offsetDelta;
            if (offset < fetchOffset) {
                continue;
            }
            long timestamp = batch.logAppendTime ? batch.maxTimestamp : batch.baseTimestamp + timestampDelta;
            sink.accept(new KafkaRecord(batch.topic, batch.partition, offset, key, value, headers, timestamp,
                    batch.type));
        }
    }

    private static byte[] nullableBytes(ProtocolReader r) {
        int len = r.varint();
        if (len < -1) {
            throw new ProtocolException("negative length " + len);
        }
        return len == -1 ? null : r.bytes(len);
    }
}
