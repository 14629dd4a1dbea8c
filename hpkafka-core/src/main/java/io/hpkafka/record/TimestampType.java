package io.hpkafka.record;

/** Where a record's timestamp comes from (record batch attribute bit 3). */
public enum TimestampType {
    /** Set by the producer. */
    CREATE_TIME,
    /** Set by the broker when it appended the batch ({@code message.timestamp.type=LogAppendTime}). */
    LOG_APPEND_TIME
}
