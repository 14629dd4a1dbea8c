package io.hpkafka.boot.autoconfigure.listener;

/**
 * Names of the record's coordinates a listener parameter can take with
 * {@code @org.springframework.messaging.handler.annotation.Header}, and of the headers a dead-letter record carries.
 * Any other {@code @Header} name is a header of the record. The dead-letter names and encodings are Spring Kafka's,
 * so that tools reading its dead-letter topics read ours; a listener of a dead-letter topic may take the partition as
 * an {@code int} and the offset and timestamp as a {@code long} parameter (decoded from their big-endian bytes).
 */
public final class HpKafkaHeaders {

    /** The key, converted to the parameter's type like a payload. */
    public static final String RECEIVED_KEY = "hpkafka_receivedKey";

    /** The topic ({@code String}). */
    public static final String RECEIVED_TOPIC = "hpkafka_receivedTopic";

    /** The partition ({@code int}). */
    public static final String RECEIVED_PARTITION = "hpkafka_receivedPartitionId";

    /** The offset ({@code long}). */
    public static final String OFFSET = "hpkafka_offset";

    /** The timestamp, in ms since the epoch ({@code long}). */
    public static final String RECEIVED_TIMESTAMP = "hpkafka_receivedTimestamp";

    /** The timestamp type ({@link io.hpkafka.record.TimestampType}, or its name as a {@code String}). */
    public static final String TIMESTAMP_TYPE = "hpkafka_timestampType";

    /** The consumer group id ({@code String}; null in simple mode). */
    public static final String GROUP_ID = "hpkafka_groupId";

    /** Dead letter: the original topic (UTF-8). */
    public static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";

    /** Dead letter: the original partition (4-byte big-endian int). */
    public static final String DLT_ORIGINAL_PARTITION = "kafka_dlt-original-partition";

    /** Dead letter: the original offset (8-byte big-endian long). */
    public static final String DLT_ORIGINAL_OFFSET = "kafka_dlt-original-offset";

    /** Dead letter: the original timestamp, ms since the epoch (8-byte big-endian long). */
    public static final String DLT_ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";

    /** Dead letter: the original timestamp type (UTF-8, Kafka's name: {@code CreateTime} or {@code LogAppendTime}). */
    public static final String DLT_ORIGINAL_TIMESTAMP_TYPE = "kafka_dlt-original-timestamp-type";

    /** Dead letter: the consumer group that failed (UTF-8; absent in simple mode). */
    public static final String DLT_ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";

    /** Dead letter: the exception's class name (UTF-8). */
    public static final String DLT_EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";

    /** Dead letter: the root cause's class name, when it differs (UTF-8). */
    public static final String DLT_EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";

    /** Dead letter: the exception's message (UTF-8). */
    public static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    /** Dead letter: the exception's stack trace (UTF-8). */
    public static final String DLT_EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";

    private HpKafkaHeaders() {
    }

}
