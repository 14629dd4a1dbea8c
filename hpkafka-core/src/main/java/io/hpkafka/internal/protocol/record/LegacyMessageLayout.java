package io.hpkafka.internal.protocol.record;

/**
 * Byte layout of a legacy message set entry, magic 0 (Kafka 0.8) and magic 1 (Kafka 0.10, KIP-31/32). A message set
 * is a sequence of entries; all integers big-endian; the CRC is CRC-32 (IEEE) over the bytes from {@link #MAGIC} to
 * the end of the message.
 * <pre>
 *  0  offset            int64
 *  8  messageSize       int32   bytes after this field
 * 12  crc               uint32
 * 16  magic             int8    = 0 or 1 (same place as the magic of a record batch v2)
 * 17  attributes        int8    bits 0-2 codec, bit 3 timestamp type (magic 1 only)
 * 18  timestamp         int64   magic 1 only
 * 18 / 26  key          int32 length (-1 = null), bytes
 *          value        int32 length (-1 = null), bytes
 * </pre>
 * A compressed set is one wrapper message whose value is the compressed inner message set and whose key is null.
 * The wrapper's offset is that of its last inner message. Inner offsets are absolute in magic 0 and relative
 * (0, 1, ...) in magic 1, where the absolute offset is {@code wrapperOffset - lastInnerOffset + innerOffset}. A
 * magic 1 wrapper with LogAppendTime gives its own timestamp to every inner message.
 */
final class LegacyMessageLayout {
    static final int OFFSET = 0;
    static final int MESSAGE_SIZE = 8;
    static final int CRC = 12;
    static final int MAGIC = 16;
    static final int ATTRIBUTES = 17;
    static final int TIMESTAMP = 18;

    /** Bytes before messageSize's count starts: offset + messageSize. */
    static final int LOG_OVERHEAD = 12;

    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;

    private LegacyMessageLayout() {
    }

    /** @return where the key length is in an entry of {@code magic} */
    static int keyLengthAt(int magic) {
        return magic == 0 ? 18 : 26;
    }

    /** @return the size of an entry of {@code magic} with a null key and value (its smallest) */
    static int minEntrySize(int magic) {
        return keyLengthAt(magic) + 4 + 4;
    }
}
