package io.hpkafka.samples.orders;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.hpkafka.boot.autoconfigure.listener.HpKafkaHeaders;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListener;
import io.hpkafka.boot.autoconfigure.listener.PayloadConversionException;
import io.hpkafka.producer.RecordMetadata;

import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Consumes the dead-letter topic and checks each dead letter against the poison record it stands for: the same key
 * and value, and {@code kafka_dlt-*} headers naming the original topic, partition and offset (as the producer was told
 * when the poison record was acknowledged), the orders listener's consumer group and the exception
 * ({@link PayloadConversionException}: the value could not be read as JSON).
 * <p>
 * The listener has a consumer group of its own ({@code <group-id>-dlt}) and no dead-letter topic itself: a record it
 * cannot take is logged and skipped, and then missing from the counts. Dead letters without this run's
 * {@value OrderTally#RUN_HEADER} header (earlier runs against the same cluster) are counted as skipped.
 */
@Component
class DeadLetterTally {

    static final String LISTENER_ID = "orders-dlt";

    private final OrderTally orders;

    /** Guards the following fields: written by the listener's consumer thread, read by the runner. */
    private final Object lock = new Object();

    // Poison records sent by this run, by key, in sending order.
    private final Map<String, Poison> sent = new LinkedHashMap<>();

    // Dead letters received for this run's poison records, by key: the first copy.
    private final Map<String, DeadLetter> received = new LinkedHashMap<>();

    private long duplicates;

    private long unexpected;

    private long skipped;

    private long lastArrivalNanos;

    DeadLetterTally(OrderTally orders) {
        this.orders = orders;
    }

    /**
     * Receives one dead letter. Every header is optional here so that a dead letter lacking one is counted as wrong,
     * not refused before the call.
     * @param value the poison record's value, as sent
     * @param key the poison record's key
     * @param run the run id header, copied from the poison record
     * @param originalTopic {@value HpKafkaHeaders#DLT_ORIGINAL_TOPIC}
     * @param originalPartition {@value HpKafkaHeaders#DLT_ORIGINAL_PARTITION}, a 4-byte big-endian int
     * @param originalOffset {@value HpKafkaHeaders#DLT_ORIGINAL_OFFSET}, an 8-byte big-endian long
     * @param group {@value HpKafkaHeaders#DLT_ORIGINAL_CONSUMER_GROUP}
     * @param exception {@value HpKafkaHeaders#DLT_EXCEPTION_FQCN}
     * @param cause {@value HpKafkaHeaders#DLT_EXCEPTION_CAUSE_FQCN}
     */
    @HpKafkaListener(id = LISTENER_ID, topics = "${sample.dead-letter-topic:${sample.topic:orders}.DLT}",
            groupId = "${hpkafka.consumer.group-id:hpkafka-sample-orders}-dlt",
            properties = { "dead-letter.enabled=false", "retry.max-attempts=1" })
    void onDeadLetter(String value, @Header(HpKafkaHeaders.RECEIVED_KEY) String key,
            @Header(name = OrderTally.RUN_HEADER, required = false) byte[] run,
            @Header(name = HpKafkaHeaders.DLT_ORIGINAL_TOPIC, required = false) String originalTopic,
            @Header(name = HpKafkaHeaders.DLT_ORIGINAL_PARTITION, required = false) byte[] originalPartition,
            @Header(name = HpKafkaHeaders.DLT_ORIGINAL_OFFSET, required = false) byte[] originalOffset,
            @Header(name = HpKafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, required = false) String group,
            @Header(name = HpKafkaHeaders.DLT_EXCEPTION_FQCN, required = false) String exception,
            @Header(name = HpKafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, required = false) String cause) {
        DeadLetter deadLetter = new DeadLetter(key, value, originalTopic, bigEndian(originalPartition, Integer.BYTES),
                bigEndian(originalOffset, Long.BYTES), group, exception, cause);
        boolean thisRun = this.orders.isThisRun(run);
        synchronized (this.lock) {
            if (!thisRun) {
                this.skipped++;
            }
            else if (!OrderEvents.isPoisonKey(key)) {
                this.unexpected++; // an order of this run: the orders listener failed on it
            }
            else if (this.received.putIfAbsent(key, deadLetter) != null) {
                this.duplicates++;
            }
            else {
                this.lastArrivalNanos = System.nanoTime();
            }
        }
    }

    // The number in a big-endian header of `size` bytes, or null if the header is missing or has another size.
    private static Long bigEndian(byte[] header, int size) {
        if (header == null || header.length != size) {
            return null;
        }
        return (size == Integer.BYTES) ? ByteBuffer.wrap(header).getInt() : ByteBuffer.wrap(header).getLong();
    }

    /**
     * Notes a poison record about to be sent.
     * @param key its key
     * @param value its value
     */
    void sending(String key, String value) {
        synchronized (this.lock) {
            this.sent.put(key, new Poison(key, value));
        }
    }

    /**
     * Notes where a poison record was written, as its acknowledgment says.
     * @param key its key
     * @param metadata its topic, partition and offset
     */
    void acknowledged(String key, RecordMetadata metadata) {
        synchronized (this.lock) {
            Poison poison = this.sent.get(key);
            if (poison != null) {
                poison.metadata = metadata;
            }
        }
    }

    /**
     * Checks the dead letters received so far against the poison records sent.
     * @param groupId the orders listener's consumer group, expected in the headers
     * @return the outcome at this moment
     */
    Snapshot snapshot(String groupId) {
        synchronized (this.lock) {
            long arrived = 0;
            List<String> problems = new ArrayList<>();
            Set<String> causes = new TreeSet<>();
            for (Poison poison : this.sent.values()) {
                DeadLetter deadLetter = this.received.get(poison.key);
                if (deadLetter == null) {
                    continue;
                }
                arrived++;
                if (deadLetter.cause() != null) {
                    causes.add(deadLetter.cause());
                }
                String problem = check(poison, deadLetter, groupId);
                if (problem != null) {
                    problems.add(poison.key + ": " + problem);
                }
            }
            return new Snapshot(this.sent.size(), arrived, this.duplicates, this.unexpected, this.skipped,
                    List.copyOf(problems), List.copyOf(causes), this.lastArrivalNanos);
        }
    }

    // What is wrong with the dead letter of a poison record, or null if nothing is.
    static String check(Poison poison, DeadLetter deadLetter, String groupId) {
        List<String> wrong = new ArrayList<>();
        if (!poison.value.equals(deadLetter.value())) {
            wrong.add("value '" + deadLetter.value() + "' instead of '" + poison.value + "'");
        }
        RecordMetadata metadata = poison.metadata;
        if (metadata == null) {
            wrong.add("its poison record was never acknowledged");
        }
        else {
            if (!metadata.topic().equals(deadLetter.originalTopic())) {
                wrong.add(header(HpKafkaHeaders.DLT_ORIGINAL_TOPIC, deadLetter.originalTopic(), metadata.topic()));
            }
            if (!Objects.equals((long) metadata.partition(), deadLetter.originalPartition())) {
                wrong.add(header(HpKafkaHeaders.DLT_ORIGINAL_PARTITION, deadLetter.originalPartition(),
                        metadata.partition()));
            }
            if (!Objects.equals(metadata.offset(), deadLetter.originalOffset())) {
                wrong.add(header(HpKafkaHeaders.DLT_ORIGINAL_OFFSET, deadLetter.originalOffset(), metadata.offset()));
            }
        }
        if (!Objects.equals(groupId, deadLetter.group())) {
            wrong.add(header(HpKafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, deadLetter.group(), groupId));
        }
        if (!PayloadConversionException.class.getName().equals(deadLetter.exception())) {
            wrong.add(header(HpKafkaHeaders.DLT_EXCEPTION_FQCN, deadLetter.exception(),
                    PayloadConversionException.class.getName()));
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    private static String header(String name, Object actual, Object expected) {
        return name + " " + ((actual != null) ? actual : "missing") + " instead of " + expected;
    }

    /** A poison record sent, and where it was written once acknowledged. */
    static final class Poison {

        final String key;

        final String value;

        RecordMetadata metadata;

        Poison(String key, String value) {
            this.key = key;
            this.value = value;
        }

    }

    /**
     * A dead letter as received.
     * @param key the key
     * @param value the value
     * @param originalTopic the original topic header, or null
     * @param originalPartition the original partition header, or null if missing or malformed
     * @param originalOffset the original offset header, or null if missing or malformed
     * @param group the original consumer group header, or null
     * @param exception the exception class header, or null
     * @param cause the root cause class header, or null
     */
    record DeadLetter(String key, String value, String originalTopic, Long originalPartition, Long originalOffset,
            String group, String exception, String cause) {
    }

    /**
     * The dead letters at one moment.
     * @param poisonSent poison records this run sent (or is sending)
     * @param arrived of those, how many have a dead letter
     * @param duplicates extra dead letters of a poison record
     * @param unexpected dead letters of this run's orders (the orders listener failed on a valid order)
     * @param skipped dead letters of other runs
     * @param problems what is wrong with the dead letters that arrived, one entry per poison record
     * @param causes the root causes the dead letters name ({@value HpKafkaHeaders#DLT_EXCEPTION_CAUSE_FQCN}), sorted
     * @param lastArrivalNanos {@link System#nanoTime()} of the latest new dead letter, 0 before the first
     */
    record Snapshot(long poisonSent, long arrived, long duplicates, long unexpected, long skipped,
            List<String> problems, List<String> causes, long lastArrivalNanos) {

        long missing() {
            return this.poisonSent - this.arrived;
        }

        boolean complete() {
            return this.arrived == this.poisonSent && this.duplicates == 0 && this.unexpected == 0
                    && this.problems.isEmpty();
        }

    }

}
