package io.hpkafka.samples.orders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.hpkafka.ClusterClient;
import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerContainer;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry;
import io.hpkafka.event.Registration;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.record.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Produces {@code sample.count} order events with {@code sample.poison-count} poison records (values that are not
 * JSON) spread among them, waits until the {@link OrderTally} listener has every order and the
 * {@link DeadLetterTally} listener a dead letter of every poison record (or {@code sample.timeout} passes), prints a
 * summary and keeps the outcome as the application's exit code.
 */
@Component
class OrderStreamRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger logger = LoggerFactory.getLogger(OrderStreamRunner.class);

    private static final long POLL_MS = 20;

    private final KafkaProducer<String, OrderEvent> orders;

    private final ClusterClient client;

    private final OrderTally tally;

    private final DeadLetterTally deadLetters;

    private final HpKafkaListenerEndpointRegistry registry;

    private final SampleProperties sample;

    private final ActuatorProbe actuator;

    private volatile Report report;

    // KafkaProducer<String, OrderEvent>: the starter makes it for this injection point, String keys and JSON values.
    OrderStreamRunner(KafkaProducer<String, OrderEvent> orders, ClusterClient client, OrderTally tally,
            DeadLetterTally deadLetters, HpKafkaListenerEndpointRegistry registry, SampleProperties sample,
            ActuatorProbe actuator) {
        this.orders = orders;
        this.client = client;
        this.tally = tally;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.sample = sample;
        this.actuator = actuator;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        String topic = this.sample.getTopic();
        int count = this.sample.getCount();
        int poisonCount = this.sample.getPoisonCount();
        HpKafkaListenerContainer orders = this.registry.getListenerContainer(OrderTally.LISTENER_ID);
        String groupId = (orders != null) ? orders.getGroupId() : null;
        LongAdder acknowledged = new LongAdder();
        LongAdder discarded = new LongAdder();
        LongAdder expired = new LongAdder();
        Map<String, String> discardReasons = new ConcurrentSkipListMap<>();
        try (Registration a = this.client.onAcknowledged((ack) -> count(topic, ack.topic(), acknowledged,
                ack.recordCount()));
                Registration d = this.client.onDiscarded((event) -> {
                    count(topic, event.record().topic(), discarded, 1);
                    // The first discard of each reason, for the summary: counts alone would not say why.
                    discardReasons.putIfAbsent(event.reason().name(), String.valueOf(event.error()));
                });
                Registration e = this.client.onExpired((event) -> count(topic, event.record().topic(), expired, 1))) {
            logger.info("Producing {} order events and {} poison records to topic '{}' (consumer group '{}', dead"
                    + " letters to '{}')", String.format("%,d", count), poisonCount, topic, groupId,
                    this.sample.getDeadLetterTopic());
            List<Header> headers = List.of(this.tally.runHeader()); // one list for every record: no garbage per record
            OrderEvents events = new OrderEvents();
            List<CompletableFuture<RecordMetadata>> poisonOutcomes = new ArrayList<>();
            long startNanos = System.nanoTime();
            long sent = 0;
            int poisonSent = 0;
            for (int i = 0; i < count; i++) {
                while (poisonSent < poisonCount && i == poisonPosition(poisonSent, poisonCount, count)) {
                    sent += sendPoison(topic, poisonSent++, headers, poisonOutcomes) ? 1 : 0;
                }
                String orderId = OrderEvents.orderId(i);
                if (this.orders.produce(topic, orderId, events.event(orderId, System.currentTimeMillis()),
                        ProducerRecord.ANY_PARTITION, headers, ProducerRecord.NO_TIMESTAMP)) {
                    sent++;
                }
            }
            while (poisonSent < poisonCount) { // only with sample.count 0
                sent += sendPoison(topic, poisonSent++, headers, poisonOutcomes) ? 1 : 0;
            }
            long producedNanos = System.nanoTime();
            long deadline = startNanos + this.sample.getTimeout().toNanos();
            OrderTally.Snapshot snapshot = this.tally.snapshot();
            DeadLetterTally.Snapshot dead = this.deadLetters.snapshot(groupId);
            boolean timedOut = false;
            while (!isSettled(snapshot, dead, count, poisonCount, sent, acknowledged.sum(),
                    discarded.sum() + expired.sum(), poisonOutcomes)) {
                if (System.nanoTime() - deadline >= 0) {
                    timedOut = true;
                    break;
                }
                Thread.sleep(POLL_MS);
                snapshot = this.tally.snapshot();
                dead = this.deadLetters.snapshot(groupId);
            }
            // Again, now that every poison record's acknowledgment has been noted (if settled).
            snapshot = this.tally.snapshot();
            dead = this.deadLetters.snapshot(groupId);
            long endNanos = (snapshot.unique() == count && dead.arrived() == poisonCount)
                    ? Math.max(snapshot.lastArrivalNanos(), dead.lastArrivalNanos()) : System.nanoTime();
            this.report = new Report(topic, this.sample.getDeadLetterTopic(), groupId,
                    (orders != null) ? orders.getAssignedPartitions().size() : 0, this.sample.getConcurrency(), count,
                    poisonCount, sent, acknowledged.sum(), discarded.sum(), expired.sum(), snapshot.unique(),
                    snapshot.duplicates(), snapshot.mismatched(), snapshot.skipped(), dead,
                    Duration.ofNanos(producedNanos - startNanos), Duration.ofNanos(endNanos - startNanos), timedOut,
                    this.actuator.lines(topic), Map.copyOf(discardReasons));
        }
        System.out.println(this.report.summary());
    }

    // Where the n-th of `poisonCount` poison records goes among `count` orders: spread evenly, none first or last.
    static int poisonPosition(int n, int poisonCount, int count) {
        return (int) ((long) (n + 1) * count / (poisonCount + 1));
    }

    // Sends a poison record with a future of its own: its partition and offset are what the dead letter's headers
    // must name.
    private boolean sendPoison(String topic, int index, List<Header> headers,
            List<CompletableFuture<RecordMetadata>> outcomes) {
        String key = OrderEvents.poisonKey(index);
        String value = OrderEvents.poisonValue(index);
        this.deadLetters.sending(key, value);
        CompletableFuture<RecordMetadata> outcome = this.client.send(new ProducerRecord(topic,
                ProducerRecord.ANY_PARTITION, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), headers, ProducerRecord.NO_TIMESTAMP));
        outcomes.add(outcome.whenComplete((metadata, failure) -> {
            if (metadata != null) {
                this.deadLetters.acknowledged(key, metadata);
            }
        }));
        return !outcome.isCompletedExceptionally();
    }

    private static void count(String topic, String eventTopic, LongAdder counter, int records) {
        if (topic.equals(eventTopic)) {
            counter.add(records);
        }
    }

    // Done when every order and every dead letter arrived and every produced record has its outcome, or when some
    // records were given up on and everything acknowledged has arrived: nothing more can come then. Every produce
    // call gets exactly one outcome, a record refused at once (overflow) included, so the outcomes are counted
    // against all calls.
    private static boolean isSettled(OrderTally.Snapshot snapshot, DeadLetterTally.Snapshot dead, int count,
            int poisonCount, long sent, long acknowledged, long lost,
            List<CompletableFuture<RecordMetadata>> poisonOutcomes) {
        long expected = (long) count + poisonCount;
        boolean outcomesKnown = acknowledged + lost >= expected
                && poisonOutcomes.stream().allMatch(CompletableFuture::isDone);
        if (snapshot.unique() >= count && dead.arrived() >= poisonCount) {
            return outcomesKnown;
        }
        return outcomesKnown && (lost > 0 || sent < expected) && snapshot.unique() + dead.arrived() >= acknowledged;
    }

    @Override
    public int getExitCode() {
        Report report = this.report;
        return (report != null && report.success()) ? 0 : 1;
    }

    /**
     * Returns the outcome of the run.
     * @return the report, or {@code null} before the run has finished
     */
    Report report() {
        return this.report;
    }

    /**
     * The outcome of one run.
     * @param topic topic name
     * @param deadLetterTopic dead-letter topic name
     * @param groupId the orders listener's consumer group, or null in simple mode
     * @param assignedPartitions partitions the orders listener's consumers held at the end
     * @param consumers consumers of the orders listener
     * @param count order events meant to be produced
     * @param poisonCount poison records meant to be produced
     * @param sent records (orders and poison) the producer accepted
     * @param acknowledged records acknowledged by the broker
     * @param discarded records the producer gave up on
     * @param expired records that outlived the message TTL
     * @param received distinct orders received
     * @param duplicates extra copies received
     * @param mismatched orders whose payload did not match their key
     * @param skipped records of earlier runs found on the topic
     * @param deadLetters what arrived on the dead-letter topic
     * @param produceTime time spent in the produce calls
     * @param elapsed from the first produce call to the last new order or dead letter received
     * @param timedOut whether {@code sample.timeout} passed first
     * @param actuator what the application's own actuator endpoints said at the end (label, value)
     * @param discardReasons the first discarded record's error, by discard reason
     */
    record Report(String topic, String deadLetterTopic, String groupId, int assignedPartitions, int consumers,
            int count, int poisonCount, long sent, long acknowledged, long discarded, long expired, long received,
            long duplicates, long mismatched, long skipped, DeadLetterTally.Snapshot deadLetters,
            Duration produceTime, Duration elapsed, boolean timedOut, List<String[]> actuator,
            Map<String, String> discardReasons) {

        long missing() {
            return this.count - this.received;
        }

        boolean ordersExactlyOnce() {
            return this.received == this.count && this.duplicates == 0 && this.mismatched == 0;
        }

        boolean success() {
            return !this.timedOut && ordersExactlyOnce() && this.deadLetters.complete()
                    && this.deadLetters.poisonSent() == this.poisonCount
                    && this.acknowledged == (long) this.count + this.poisonCount;
        }

        String summary() {
            double seconds = Math.max(this.elapsed.toNanos(), 1) / 1e9;
            String verdict;
            if (success()) {
                verdict = "SUCCESS: every order event arrived exactly once" + switch (this.poisonCount) {
                    case 0 -> "";
                    case 1 -> " and the poison record reached " + this.deadLetterTopic;
                    default -> " and all " + this.poisonCount + " poison records reached " + this.deadLetterTopic;
                };
            }
            else {
                List<String> reasons = new ArrayList<>();
                if (this.timedOut) {
                    reasons.add("timed out");
                }
                if (!ordersExactlyOnce()) {
                    reasons.add("orders not received exactly once");
                }
                if (!this.deadLetters.complete()) {
                    reasons.add("dead letters incomplete or wrong");
                }
                if (this.acknowledged != (long) this.count + this.poisonCount) {
                    reasons.add("not every record was acknowledged");
                }
                verdict = "FAILURE: " + String.join("; ", reasons) + "; see the counts above";
            }
            DeadLetterTally.Snapshot dead = this.deadLetters;
            List<String> lines = new ArrayList<>();
            lines.add("");
            lines.add("=== hpkafka orders sample ===========================================");
            lines.add(line("topic", this.topic));
            lines.add(line("consumer group", ((this.groupId != null) ? this.groupId : "none (simple mode)") + ", "
                    + this.consumers + " consumers, " + this.assignedPartitions + " partitions assigned"));
            lines.add(line("records sent", format(this.sent) + " of " + format((long) this.count + this.poisonCount)
                    + " (" + format(this.count) + " orders, " + format(this.poisonCount) + " poison)"));
            lines.add(line("acknowledged", format(this.acknowledged)));
            lines.add(line("discarded / expired", format(this.discarded) + " / " + format(this.expired)));
            new java.util.TreeMap<>(this.discardReasons)
                .forEach((reason, error) -> lines.add(line("", "  discarded " + reason + ", e.g.: " + error)));
            lines.add(line("received", format(this.received)));
            lines.add(line("duplicates", format(this.duplicates)));
            lines.add(line("missing", format(missing())));
            if (this.mismatched > 0) {
                lines.add(line("key/payload mismatches", format(this.mismatched)));
            }
            if (this.skipped > 0) {
                lines.add(line("skipped (earlier runs)", format(this.skipped)));
            }
            lines.add(line("dead-letter topic", this.deadLetterTopic));
            lines.add(line("dead letters", format(dead.arrived()) + " of " + format(this.poisonCount)
                    + " poison records, " + format(dead.duplicates()) + " duplicates, " + format(dead.missing())
                    + " missing"));
            lines.add(line("dead-letter headers", dead.problems().isEmpty()
                    ? (dead.arrived() > 0 ? "all match (original topic, partition, offset, group, exception)" : "-")
                    : format(dead.problems().size()) + " wrong:"));
            dead.problems().forEach((problem) -> lines.add(line("", "  " + problem)));
            if (!dead.causes().isEmpty()) {
                lines.add(line("dead-letter causes", String.join(", ", dead.causes())));
            }
            if (dead.unexpected() > 0) {
                lines.add(line("orders dead-lettered", format(dead.unexpected())));
            }
            if (dead.skipped() > 0) {
                lines.add(line("dead letters skipped", format(dead.skipped()) + " (earlier runs)"));
            }
            lines.add(line("produce calls took", millis(this.produceTime)));
            lines.add(line("elapsed", millis(this.elapsed) + " (first send to last receive)"));
            lines.add(line("throughput", format((long) (this.received / seconds)) + " records/s end to end"));
            this.actuator.forEach((entry) -> lines.add(line(entry[0], entry[1])));
            lines.add(line("result", verdict));
            lines.add("=====================================================================");
            return String.join(System.lineSeparator(), lines);
        }

        private static String line(String label, String value) {
            return String.format("  %-24s %s", label, value);
        }

        private static String format(long value) {
            return String.format("%,d", value);
        }

        private static String millis(Duration duration) {
            return String.format("%,d ms", TimeUnit.NANOSECONDS.toMillis(duration.toNanos()));
        }

    }

}
