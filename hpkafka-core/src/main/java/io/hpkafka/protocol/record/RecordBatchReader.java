package io.hpkafka.protocol.record;

import io.hpkafka.Header;
import io.hpkafka.consumer.KafkaRecord;
import io.hpkafka.consumer.TimestampType;
import io.hpkafka.protocol.ProtocolException;
import io.hpkafka.protocol.ProtocolReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

import static io.hpkafka.protocol.record.RecordBatchLayout.*;

/**
 * Reads the record batches (magic 2) of one partition's fetched bytes. Stateless and thread-safe.
 * <p>
 * A response may end in the middle of a batch (the broker cuts at the size limit): complete batches are delivered
 * and the returned next offset points at the cut-off batch, so the caller fetches it again. Control batches and
 * records below the fetch offset (a fetch that starts inside a batch) are never delivered.
 */
public final class RecordBatchReader {

    /** Decompressed batches larger than this are refused as malformed (guards against decompression bombs). */
    private static final int MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

    private RecordBatchReader() {
    }

    /**
     * @param records the fetched bytes of one partition (position to limit); consumed
     * @param topic topic, copied into each record
     * @param partition partition, copied into each record
     * @param fetchOffset the offset the fetch started at; records below it are skipped
     * @param sink receives the records in offset order
     * @return the offset to fetch next: one past the last complete batch read, or {@code fetchOffset} if none
     * @throws ProtocolException on a bad CRC, an unknown magic or codec, or lengths that do not add up
     */
    public static long read(ByteBuffer records, String topic, int partition, long fetchOffset,
                            Consumer<KafkaRecord> sink) {
        long next = fetchOffset;
        ByteBuffer buf = records.slice();
        while (buf.remaining() >= LOG_OVERHEAD) {
            int at = buf.position();
            long baseOffset = buf.getLong(at + BASE_OFFSET);
            int batchLength = buf.getInt(at + BATCH_LENGTH);
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
            throw new ProtocolException("record batch at offset " + baseOffset + " has magic " + magic
                    + "; only magic 2 is supported in this mode");
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
        ByteBuffer body = b.slice(RECORDS, b.limit() - RECORDS);
        int codec = attributes & COMPRESSION_MASK;
        if (codec == 1) {
            body = gunzip(body, baseOffset);
        } else if (codec != 0) {
            throw new ProtocolException("record batch at offset " + baseOffset + " uses compression codec " + codec
                    + ", not supported yet");
        }
        if (count < 0 || count > body.remaining()) {
            throw new ProtocolException("record batch at offset " + baseOffset + " claims " + count + " records");
        }
        ProtocolReader r = new ProtocolReader(body);
        for (int i = 0; i < count; i++) {
            int length = r.varint();
            ProtocolReader rec = new ProtocolReader(r.slice(length));
            rec.int8(); // record attributes: unused
            long timestampDelta = rec.varlong();
            int offsetDelta = rec.varint();
            byte[] key = nullableBytes(rec);
            byte[] value = nullableBytes(rec);
            int headerCount = rec.varint();
            if (headerCount < 0 || headerCount > rec.remaining()) {
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
            long offset = baseOffset + offsetDelta;
            if (offset < fetchOffset) {
                continue;
            }
            long timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
            sink.accept(new KafkaRecord(topic, partition, offset, key, value, headers, timestamp, type));
        }
        return next;
    }

    private static byte[] nullableBytes(ProtocolReader r) {
        int len = r.varint();
        if (len < -1) {
            throw new ProtocolException("negative length " + len);
        }
        return len == -1 ? null : r.bytes(len);
    }

    private static ByteBuffer gunzip(ByteBuffer compressed, long baseOffset) {
        try (InputStream in = new GZIPInputStream(new ByteBufferInputStream(compressed), 8 * 1024)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, compressed.remaining() * 4));
            byte[] chunk = new byte[8 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (out.size() + n > MAX_DECOMPRESSED_BYTES) {
                    throw new ProtocolException("record batch at offset " + baseOffset + " inflates beyond "
                            + MAX_DECOMPRESSED_BYTES + " bytes");
                }
                out.write(chunk, 0, n);
            }
            return ByteBuffer.wrap(out.toByteArray());
        } catch (IOException e) {
            throw new ProtocolException("record batch at offset " + baseOffset + " is not valid gzip", e);
        }
    }

    private static final class ByteBufferInputStream extends InputStream {
        private final ByteBuffer buf;

        ByteBufferInputStream(ByteBuffer buf) {
            this.buf = buf;
        }

        @Override
        public int read() {
            return buf.hasRemaining() ? buf.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (!buf.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }
    }
}
