package io.hpkafka.boot.autoconfigure.listener;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * Publishes a failed record to its dead-letter topic, done once the topic acknowledged it: the original key, value and
 * headers, plus the {@code kafka_dlt-*} headers of {@link HpKafkaHeaders} (original topic, partition, offset,
 * timestamp and its type, consumer group, exception class, root cause class, message and stack trace). The record
 * goes to the original partition number when the dead-letter topic has that many partitions, else by its key.
 * Fails when the dead-letter topic does not acknowledge within the send timeout, so the record is retried, not lost;
 * the publish still on its way is reused by the retry rather than sent twice.
 * A record read from a dead-letter topic is not published again: it goes to the fallback (logged and skipped).
 */
final class DeadLetterRecoverer implements RecordRecoverer {

    private static final Log logger = LogFactory.getLog(DeadLetterRecoverer.class);

    private static final int MAX_TRACKED = 10_000;

    private final ClusterClient client;

    private final Function<String, String> topicOf;

    private final Predicate<String> isDeadLetterTopic;

    private final Duration sendTimeout;

    private final RecordRecoverer fallback;

    // Partition counts of dead-letter topics, looked up once each.
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    // Dead letters sent and not yet seen taken, by original coordinates; bounded, the oldest dropped first.
    private final Map<String, CompletableFuture<Void>> inFlight = new LinkedHashMap<>(16, 0.75f, false) {

        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
            return size() > MAX_TRACKED;
        }

    };

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
        try {
            recoverAsync(record, failure, groupId).get();
        }
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof Exception cause) ? cause : ex;
        }
    }

    /**
     * Publishes the dead letter and completes once the dead-letter topic acknowledged it, or exceptionally after the
     * send timeout or a failure. A record asked again while its dead letter is still on its way (a retry after a
     * timeout) gets that same send, not a second one, so a slow or missing dead-letter topic yields no duplicates.
     */
    @Override
    public CompletableFuture<Void> recoverAsync(KafkaRecord record, Exception failure, @Nullable String groupId) {
        if (this.isDeadLetterTopic.test(record.topic())) {
            // A listener of a dead-letter topic failed: publishing again would only start a chain of them.
            return this.fallback.recoverAsync(record, failure, groupId);
        }
        String key = record.topic() + "-" + record.partition() + "@" + record.offset();
        CompletableFuture<Void> sending;
        synchronized (this.inFlight) {
            sending = this.inFlight.get(key);
            if (sending == null || sending.isCompletedExceptionally()) {
                sending = publish(record, failure, groupId);
                this.inFlight.put(key, sending);
            }
        }
        CompletableFuture<Void> observed = sending;
        return sending.copy().orTimeout(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((x, e) -> {
            if (e == null) {
                synchronized (this.inFlight) {
                    this.inFlight.remove(key, observed); // seen taken: a later failure of this record sends anew
                }
            }
        });
    }

    private CompletableFuture<Void> publish(KafkaRecord record, Exception failure, @Nullable String groupId) {
        String topic = this.topicOf.apply(record.topic());
        List<Header> headers = headers(record, failure, groupId);
        return partitionCount(topic).thenCompose((count) -> {
            int partition = (record.partition() < count) ? record.partition() : ProducerRecord.ANY_PARTITION;
            return this.client.send(new ProducerRecord(topic, partition, record.key(), record.value(), headers,
                    ProducerRecord.NO_TIMESTAMP));
        }).handle((metadata, error) -> {
            if (error != null) {
                Throwable cause = (error instanceof CompletionException && error.getCause() != null)
                        ? error.getCause() : error;
                throw new IllegalStateException("Dead-letter topic '" + topic + "' did not take "
                        + ListenerMethod.coordinates(record) + ": " + cause, cause);
            }
            logger.warn(LogMessage.format("Record %s-%d@%d (group %s) failed and was published to '%s': %s",
                    record.topic(), record.partition(), record.offset(), (groupId != null) ? groupId : "none", topic,
                    failure.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ")));
            return null;
        });
    }

    // The dead-letter topic's partition count, looked up once (0 while unknown: the record then goes by its key).
    private CompletableFuture<Integer> partitionCount(String topic) {
        Integer known = this.partitionCounts.get(topic);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return this.client.partitionsFor(topic).handle((partitions, error) -> {
            int count = (error == null) ? partitions.size() : 0;
            if (count > 0) {
                this.partitionCounts.put(topic, count);
            }
            return count;
        });
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
