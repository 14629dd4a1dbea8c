package io.hpkafka.internal.protocol.record;

import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.record.Header;

import java.util.List;

/**
 * Upper bounds of the bytes a record takes in a record batch v2 (KIP-98), computed before it is encoded, as
 * kafka-clients' {@code DefaultRecord.recordSizeUpperBound} does for {@code max.request.size}: what the producer
 * compares with {@code maxRequestSizeBytes} and sums per request. Size counting is kept apart from the writer so that a
 * record can be refused before any buffer is grown for it.
 * <p>
 * Every sum is in {@code long}: a key and a value of nearly 2 GiB each cannot overflow it. The bound also covers
 * the legacy message sets (magic 0 and 1, 34 bytes of overhead at most, plus as much again for a compressed
 * wrapper), and, as kafka-clients assumes, compression is taken not to grow a record. Stateless; thread-safe.
 */
public final class RecordSizes {

    /** Bytes of a record batch v2 header, before its first record (see {@link RecordBatchLayout}). */
    public static final int BATCH_OVERHEAD = RecordBatchLayout.HEADER_SIZE;

    /**
     * Most bytes of a record besides its key, value and headers: length varint (5), attributes (1), timestamp
     * delta varlong (10), offset delta varint (5), as kafka-clients' {@code DefaultRecord.MAX_RECORD_OVERHEAD}.
     */
    public static final int MAX_RECORD_OVERHEAD = 21;

    private RecordSizes() {
    }

    /**
     * @param keySize key length in bytes, or -1 for a null key
     * @param valueSize value length in bytes, or -1 for a null value (a tombstone)
     * @param headers the record's headers, not null
     * @return most bytes the record takes inside a batch, its batch header excluded
     * @throws IllegalArgumentException if a size is below -1
     */
    public static long recordUpperBound(long keySize, long valueSize, List<Header> headers) {
        long bytes = MAX_RECORD_OVERHEAD + sizeOfBytesField("key", keySize) + sizeOfBytesField("value", valueSize);
        int headerCount = headers.size();
        bytes += ProtocolWriter.sizeOfVarint(headerCount);
        for (int i = 0; i < headerCount; i++) { // indexed: no iterator per record
            Header h = headers.get(i);
            byte[] value = h.value();
            bytes += sizeOfBytesField("header key", ProtocolWriter.sizeOfUtf8(h.key()))
                    + sizeOfBytesField("header value", value == null ? -1 : value.length);
        }
        return bytes;
    }

    /** @return most bytes of a batch holding only a record of {@code recordUpperBound} bytes */
    public static long batchUpperBound(long recordUpperBound) {
        return BATCH_OVERHEAD + recordUpperBound;
    }

    /** @return bytes of a varint length followed by {@code size} bytes; 1 for null (-1) */
    private static long sizeOfBytesField(String what, long size) {
        if (size < -1) {
            throw new IllegalArgumentException(what + " size " + size + " is negative");
        }
        if (size == -1) {
            return 1;
        }
        return (size > Integer.MAX_VALUE ? 5 : ProtocolWriter.sizeOfVarint((int) size)) + size;
    }
}
