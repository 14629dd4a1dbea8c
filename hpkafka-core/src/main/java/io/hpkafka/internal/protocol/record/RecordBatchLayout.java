package io.hpkafka.internal.protocol.record;

/**
 * Byte layout of a record batch, magic 2 (KIP-98). All integers big-endian; the CRC is CRC-32C over the bytes from
 * {@link #ATTRIBUTES} to the end of the batch.
 * <pre>
 *  0  baseOffset            int64
 *  8  batchLength           int32   bytes after this field
 * 12  partitionLeaderEpoch  int32
 * 16  magic                 int8    = 2
 * 17  crc                   uint32
 * 21  attributes            int16   bits 0-2 codec, 3 timestamp type, 4 transactional, 5 control
 * 23  lastOffsetDelta       int32
 * 27  baseTimestamp         int64
 * 35  maxTimestamp          int64
 * 43  producerId            int64
 * 51  producerEpoch         int16
 * 53  baseSequence          int32
 * 57  recordCount           int32
 * 61  records...
 * </pre>
 */
final class RecordBatchLayout {
    static final int BASE_OFFSET = 0;
    static final int BATCH_LENGTH = 8;
    static final int PARTITION_LEADER_EPOCH = 12;
    static final int MAGIC = 16;
    static final int CRC = 17;
    static final int ATTRIBUTES = 21;
    static final int LAST_OFFSET_DELTA = 23;
    static final int BASE_TIMESTAMP = 27;
    static final int MAX_TIMESTAMP = 35;
    static final int PRODUCER_ID = 43;
    static final int PRODUCER_EPOCH = 51;
    static final int BASE_SEQUENCE = 53;
    static final int RECORD_COUNT = 57;
    static final int RECORDS = 61;

    /** Bytes before batchLength's count starts: baseOffset + batchLength. */
    static final int LOG_OVERHEAD = 12;
    static final int HEADER_SIZE = RECORDS;

    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int TRANSACTIONAL_MASK = 0x10;
    static final int CONTROL_MASK = 0x20;

    private RecordBatchLayout() {
    }
}
