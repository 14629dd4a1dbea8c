package io.hpkafka.internal.protocol.record;

import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TimestampType;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.compression.DecompressedRecords;
import io.hpkafka.internal.protocol.compression.RecordCompression;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import static io.hpkafka.internal.protocol.record.LegacyMessageLayout.*;

/**
 * Reads legacy message set entries, magic 0 and 1 (see {@link LegacyMessageLayout}): what Fetch v0-v3 returns, and
 * what a newer broker may still hold in an old log. {@link RecordBatchReader} hands each complete entry here when
 * its magic is below 2. The CRC-32 is checked; a compressed wrapper is inflated (bounded like a batch v2) and its
 * inner messages delivered with absolute offsets (magic 0: as written; magic 1: relative to the wrapper's offset).
 * Magic 0 messages have no timestamp: they are delivered with -1 and CreateTime. Stateless and thread-safe.
 */
public final class LegacyMessageSetReader {

    private LegacyMessageSetReader() {
    }

    /** @return whether a complete entry of {@code magic} can be {@code messageSize} long */
    static boolean plausible(byte magic, int messageSize) {
        return (magic == 0 || magic == 1) && messageSize >= minEntrySize(magic) - LOG_OVERHEAD;
    }

    /**
     * Reads one complete entry.
     *
     * @param entry the entry, position 0 to limit (offset, size and message)
     * @return the offset after the entry's last message
     * @throws ProtocolException on a bad CRC, lengths that do not add up, a nested wrapper, or compressed bytes that
     *         are malformed or inflate beyond {@link RecordCompression#MAX_DECOMPRESSED_BYTES}
     */
    static long readEntry(ByteBuffer entry, String topic, int partition, long fetchOffset,
                          Consumer<KafkaRecord> sink) {
        long offset = entry.getLong(OFFSET);
        Message m = parse(entry, offset);
        long next = offset + 1;
        if (next <= fetchOffset) {
            return next;
        }
        if (m.codec == 0) {
            sink.accept(m.toRecord(topic, partition, offset, m.timestamp, m.type));
            return next;
        }
        if (m.value == null) {
            throw new ProtocolException("compressed message at offset " + offset + " has no value");
        }
        DecompressedRecords inflated;
        try {
            inflated = RecordCompression.decompress(m.codec, m.value);
        } catch (ProtocolException e) {
            throw new ProtocolException("compressed message at offset " + offset + ": " + e.getMessage(), e);
        }
        try (inflated) {
            List<Message> inner = new ArrayList<>();
            List<Long> innerOffsets = new ArrayList<>();
            ByteBuffer buf = inflated.buffer();
            while (buf.hasRemaining()) {
                if (buf.remaining() < LOG_OVERHEAD) {
                    throw new ProtocolException("compressed message at offset " + offset + " ends in a cut-off entry");
                }
                int at = buf.position();
                long innerOffset = buf.getLong(at + OFFSET);
                int size = buf.getInt(at + MESSAGE_SIZE);
                if (size < 0 || size > buf.remaining() - LOG_OVERHEAD || buf.remaining() <= MAGIC
                        || !plausible(buf.get(at + MAGIC), size)) {
                    throw new ProtocolException("compressed message at offset " + offset
                            + " holds a malformed entry of size " + size);
                }
                Message im = parse(buf.slice(at, LOG_OVERHEAD + size), innerOffset);
                if (im.codec != 0) {
                    throw new ProtocolException("compressed message at offset " + offset + " nests another one");
                }
                buf.position(at + LOG_OVERHEAD + size);
                inner.add(im);
                innerOffsets.add(innerOffset);
            }
            if (inner.isEmpty()) {
                return next;
            }
            long shift = m.magic == 0 ? 0 : offset - innerOffsets.get(innerOffsets.size() - 1);
            boolean logAppendTime = m.magic == 1 && m.type == TimestampType.LOG_APPEND_TIME;
            for (int i = 0; i < inner.size(); i++) {
                long abs = innerOffsets.get(i) + shift;
                if (abs < fetchOffset) {
                    continue;
                }
                Message im = inner.get(i);
                sink.accept(logAppendTime ? im.toRecord(topic, partition, abs, m.timestamp, m.type)
                        : im.toRecord(topic, partition, abs, im.timestamp, im.type));
            }
        }
        return next;
    }

    /** A decoded message; key and value copied out, the value of a wrapper left as a view. */
    private record Message(byte magic, int codec, long timestamp, TimestampType type, byte[] key, ByteBuffer value) {
        KafkaRecord toRecord(String topic, int partition, long offset, long ts, TimestampType tsType) {
            byte[] v = null;
            if (value != null) {
                v = new byte[value.remaining()];
                value.duplicate().get(v);
            }
            return new KafkaRecord(topic, partition, offset, key, v, List.of(), ts, tsType);
        }
    }

    private static Message parse(ByteBuffer e, long offset) {
        int end = e.limit();
        byte magic = e.get(MAGIC);
        if (magic != 0 && magic != 1) {
            throw new ProtocolException("message at offset " + offset + " has magic " + magic);
        }
        if (end < minEntrySize(magic) || e.getInt(MESSAGE_SIZE) != end - LOG_OVERHEAD) {
            throw new ProtocolException("message at offset " + offset + " has size " + e.getInt(MESSAGE_SIZE));
        }
        CRC32 crc = new CRC32();
        crc.update(e.slice(MAGIC, end - MAGIC));
        if ((int) crc.getValue() != e.getInt(CRC)) {
            throw new ProtocolException("message at offset " + offset + " fails its CRC-32 check");
        }
        byte attributes = e.get(ATTRIBUTES);
        long timestamp = magic == 0 ? -1L : e.getLong(TIMESTAMP);
        TimestampType type = magic == 1 && (attributes & TIMESTAMP_TYPE_MASK) != 0
                ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
        int at = keyLengthAt(magic);
        int keyLength = e.getInt(at);
        at += 4;
        byte[] key = null;
        if (keyLength != -1) {
            if (keyLength < 0 || keyLength > end - at - 4) {
                throw new ProtocolException("message at offset " + offset + " has key length " + keyLength);
            }
            key = new byte[keyLength];
            e.get(at, key);
            at += keyLength;
        }
        int valueLength = e.getInt(at);
        at += 4;
        ByteBuffer value = null;
        if (valueLength != -1) {
            if (valueLength < 0 || valueLength != end - at) {
                throw new ProtocolException("message at offset " + offset + " has value length " + valueLength);
            }
            value = e.slice(at, valueLength);
        } else if (at != end) {
            throw new ProtocolException("message at offset " + offset + " has " + (end - at)
                    + " bytes after its value");
        }
        return new Message(magic, attributes & COMPRESSION_MASK, timestamp, type, key, value);
    }
}
