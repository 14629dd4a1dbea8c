package io.hpkafka.boot.autoconfigure.listener;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import io.hpkafka.ClusterClient;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.record.Header;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TimestampType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Publishes a failed record to its dead-letter topic and waits for the acknowledgment: the original key, value and
 * headers, plus the {@code kafka_dlt-*} headers of {@link HpKafkaHeaders} (original topic, partition, offset,
 * timestamp and its type, consumer group, exception class, root cause class, message and stack trace). The record
 * goes to the original partition number when the dead-letter topic has that many partitions, else by its key.
 * Throws when the dead-letter topic does not acknowledge within the send timeout, so the record is retried, not lost.
 * A record read from a dead-letter topic is not published again: it goes to the fallback (logged and skipped).
 */
final class DeadLetterRecoverer implements RecordRecoverer {

    private static final Log logger = LogFactory.getLog(DeadLetterRecoverer.class);

    private final ClusterClient client;

    private final Function<String, String> topicOf;

    private final Predicate<String> isDeadLetterTopic;

    private final Duration sendTimeout;

    private final RecordRecoverer fallback;

    // Partition counts of dead-letter topics, looked up once each.
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    /**
     * Creates a recoverer.
     * @param client the client to publish with
     * @param topicOf the dead-letter topic of a record's topic
     * @param isDeadLetterTopic whether a topic is itself a dead-letter topic (its failed records go to
     * {@code fallback})
     * @param sendTimeout the longest wait for an acknowledgment
     * @param fallback takes the failed records of dead-letter topics
     */
    DeadLetterRecoverer(ClusterClient client, Function<String, String> topicOf, Predicate<String> isDeadLetterTopic,
            Duration sendTimeout, RecordRecoverer fallback) {
        this.client = client;
        this.topicOf = topicOf;
        this.isDeadLetterTopic = isDeadLetterTopic;
        this.sendTimeout = sendTimeout;
        this.fallback = fallback;
    }

    @Override
    public void recover(KafkaRecord record, Exception failure, @Nullable String groupId) throws Exception {
        String topic = this.topicOf.apply(record.topic());
        if (this.isDeadLetterTopic.test(record.topic())) {
            // A listener of a dead-letter topic failed: publishing again would only start a chain of them.
            this.fallback.recover(record, failure, groupId);
            return;
        }
        int partition = (record.partition() < partitionCount(topic)) ? record.partition()
                : ProducerRecord.ANY_PARTITION;
        ProducerRecord deadLetter = new ProducerRecord(topic, partition, record.key(), record.value(),
                headers(record, failure, groupId), ProducerRecord.NO_TIMESTAMP);
        try {
            this.client.send(deadLetter).get(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Dead-letter topic '" + topic + "' did not take "
                    + ListenerMethod.coordinates(record) + ": " + ex.getCause(), ex.getCause());
        }
        logger.warn(LogMessage.format("Record %s-%d@%d (group %s) failed and was published to '%s': %s",
                record.topic(), record.partition(), record.offset(), (groupId != null) ? groupId : "none", topic,
                failure.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ")));
    }

    private int partitionCount(String topic) {
        Integer known = this.partitionCounts.get(topic);
        if (known != null) {
            return known;
        }
        try {
            int count = this.client.partitionsFor(topic).get(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS).size();
            if (count > 0) {
                this.partitionCounts.put(topic, count);
            }
            return count;
        }
        catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return 0; // unknown yet (auto-creation): by key this time
        }
    }

    static List<Header> headers(KafkaRecord record, Exception failure, @Nullable String groupId) {
        List<Header> headers = new ArrayList<>(record.headers().size() + 10);
        headers.addAll(record.headers());
        headers.add(text(HpKafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic()));
        headers.add(new Header(HpKafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array()));
        headers.add(new Header(HpKafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array()));
        headers.add(new Header(HpKafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
                ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array()));
        // Kafka's own names (org.apache.kafka.common.record.TimestampType#toString), as Spring Kafka writes them.
        headers.add(text(HpKafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE,
                (record.timestampType() == TimestampType.LOG_APPEND_TIME) ? "LogAppendTime" : "CreateTime"));
        if (groupId != null) {
            headers.add(text(HpKafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, groupId));
        }
        Throwable reported = (failure instanceof java.lang.reflect.UndeclaredThrowableException u
                && u.getCause() != null) ? u.getCause() : failure;
        headers.add(text(HpKafkaHeaders.DLT_EXCEPTION_FQCN, reported.getClass().getName()));
        Throwable root = reported;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != reported) {
            headers.add(text(HpKafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, root.getClass().getName()));
        }
        headers.add(text(HpKafkaHeaders.DLT_EXCEPTION_MESSAGE, String.valueOf(reported.getMessage())));
        StringWriter trace = new StringWriter();
        reported.printStackTrace(new PrintWriter(trace));
        headers.add(text(HpKafkaHeaders.DLT_EXCEPTION_STACKTRACE, trace.toString()));
        return headers;
    }

    private static Header text(String key, String value) {
        return new Header(key, value.getBytes(StandardCharsets.UTF_8));
    }

}
