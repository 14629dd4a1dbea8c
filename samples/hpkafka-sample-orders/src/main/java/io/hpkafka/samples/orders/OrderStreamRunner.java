package io.hpkafka.samples.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.hpkafka.ClusterClient;
import io.hpkafka.record.Header;
import io.hpkafka.KafkaProducer;
import io.hpkafka.event.Registration;
import io.hpkafka.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Produces {@code sample.count} order events, waits until the {@link OrderTally} listener has them all (or
 * {@code sample.timeout} passes), prints a summary and keeps the outcome as the application's exit code.
 */
@Component
class OrderStreamRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger logger = LoggerFactory.getLogger(OrderStreamRunner.class);

    private static final long POLL_MS = 20;

    private final KafkaProducer<String, String> producer;

    private final ClusterClient client;

    private final OrderTally tally;

    private final SampleProperties sample;

    private volatile Report report;

    OrderStreamRunner(KafkaProducer<String, String> producer, ClusterClient client, OrderTally tally,
            SampleProperties sample) {
        this.producer = producer;
        this.client = client;
        this.tally = tally;
        this.sample = sample;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        String topic = this.sample.getTopic();
        int count = this.sample.getCount();
        LongAdder acknowledged = new LongAdder();
        LongAdder discarded = new LongAdder();
        LongAdder expired = new LongAdder();
        try (Registration a = this.client.onAcknowledged((ack) -> count(topic, ack.topic(), acknowledged,
                ack.recordCount()));
                Registration d = this.client.onDiscarded((event) -> count(topic, event.record().topic(), discarded, 1));
                Registration e = this.client.onExpired((event) -> count(topic, event.record().topic(), expired, 1))) {
            logger.info("Producing {} order events to topic '{}'", String.format("%,d", count), topic);
            List<Header> headers = List.of(this.tally.runHeader()); // one list for every record: no garbage per record
            OrderEvents events = new OrderEvents();
            long startNanos = System.nanoTime();
            long sent = 0;
            for (int i = 0; i < count; i++) {
                String orderId = OrderEvents.orderId(i);
                if (this.producer.produce(topic, orderId, events.json(orderId, System.currentTimeMillis()),
                        ProducerRecord.ANY_PARTITION, headers, ProducerRecord.NO_TIMESTAMP)) {
                    sent++;
                }
            }
            long producedNanos = System.nanoTime();
            long deadline = startNanos + this.sample.getTimeout().toNanos();
            OrderTally.Snapshot snapshot = this.tally.snapshot();
            boolean timedOut = false;
            while (!isSettled(snapshot, count, sent, acknowledged.sum(), discarded.sum() + expired.sum())) {
                if (System.nanoTime() - deadline >= 0) {
                    timedOut = true;
                    break;
                }
                Thread.sleep(POLL_MS);
                snapshot = this.tally.snapshot();
            }
            long endNanos = (snapshot.unique() == count) ? snapshot.lastArrivalNanos() : System.nanoTime();
            this.report = new Report(topic, count, sent, acknowledged.sum(), discarded.sum(), expired.sum(),
                    snapshot.unique(), snapshot.duplicates(), snapshot.skipped(),
                    Duration.ofNanos(producedNanos - startNanos), Duration.ofNanos(endNanos - startNanos), timedOut);
        }
        System.out.println(this.report.summary());
    }

    private static void count(String topic, String eventTopic, LongAdder counter, int records) {
        if (topic.equals(eventTopic)) {
            counter.add(records);
        }
    }

    // Done when every order arrived and every produced record has its outcome, or when some records were given up
    // on and everything acknowledged has arrived: nothing more can come then. Every produce call gets exactly one
    // outcome, a record refused at once (overflow) included, so the outcomes are counted against all calls.
    private static boolean isSettled(OrderTally.Snapshot snapshot, int count, long sent, long acknowledged,
            long lost) {
        boolean outcomesKnown = acknowledged + lost >= count;
        if (snapshot.unique() >= count) {
            return outcomesKnown;
        }
        return outcomesKnown && (lost > 0 || sent < count) && snapshot.unique() >= acknowledged;
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
     * @param count order events meant to be produced
     * @param sent records the producer accepted
     * @param acknowledged records acknowledged by the broker
     * @param discarded records the producer gave up on
     * @param expired records that outlived the message TTL
     * @param received distinct orders received
     * @param duplicates extra copies received
     * @param skipped records of earlier runs found on the topic
     * @param produceTime time spent in the produce calls
     * @param elapsed from the first produce call to the last new order received
     * @param timedOut whether {@code sample.timeout} passed first
     */
    record Report(String topic, int count, long sent, long acknowledged, long discarded, long expired, long received,
            long duplicates, long skipped, Duration produceTime, Duration elapsed, boolean timedOut) {

        long missing() {
            return this.count - this.received;
        }

        boolean success() {
            return !this.timedOut && this.received == this.count && this.duplicates == 0
                    && this.acknowledged == this.count;
        }

        String summary() {
            double seconds = Math.max(this.elapsed.toNanos(), 1) / 1e9;
            String verdict = success() ? "SUCCESS: every order event arrived exactly once"
                    : "FAILURE: " + (this.timedOut ? "timed out; " : "") + "see the counts above";
            List<String> lines = new ArrayList<>();
            lines.add("");
            lines.add("=== hpkafka orders sample ===========================================");
            lines.add(line("topic", this.topic));
            lines.add(line("records sent", format(this.sent) + " of " + format(this.count)));
            lines.add(line("acknowledged", format(this.acknowledged)));
            lines.add(line("discarded / expired", format(this.discarded) + " / " + format(this.expired)));
            lines.add(line("received", format(this.received)));
            lines.add(line("duplicates", format(this.duplicates)));
            lines.add(line("missing", format(missing())));
            if (this.skipped > 0) {
                lines.add(line("skipped (earlier runs)", format(this.skipped)));
            }
            lines.add(line("produce calls took", millis(this.produceTime)));
            lines.add(line("elapsed", millis(this.elapsed) + " (first send to last receive)"));
            lines.add(line("throughput", format((long) (this.received / seconds)) + " records/s end to end"));
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
