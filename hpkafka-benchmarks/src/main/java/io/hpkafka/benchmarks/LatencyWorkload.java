package io.hpkafka.benchmarks;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.RequiredAcks;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * End-to-end latency at a fixed rate: one thread produces {@code rate} records/s (acks=1, the same buffering time for
 * both clients), each value stamped with the time it was <em>due</em> (so a stalled sender is not forgiven:
 * coordinated omission), and the same client type consumes the topic from earliest; latency is the consumer's
 * {@code System.nanoTime()} minus the stamp, both in this JVM. The first 3 s warm up and are not recorded; the
 * histogram (HdrHistogram, µs, 3 significant digits) covers {@code latencySeconds} after that.
 * <p>
 * Four variants per repetition: hpkafka with one {@code ClusterClient} producing and consuming (its natural use),
 * kafka-clients (a producer and a consumer, as always), hpkafka with two clients, and hpkafka producing to a
 * kafka-clients consumer. The last two tell which side of hpkafka adds latency when the first is slow.
 */
final class LatencyWorkload {

    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final String HPKAFKA = "hpkafka";
    /**
     * hpkafka with one client producing and another consuming, as kafka-clients always is: one ClusterClient shares a
     * connection per broker between Produce and Fetch, and a broker answers a connection's requests in order.
     */
    private static final String HPKAFKA_TWO_CLIENTS = "hpkafka, separate producer and consumer clients";
    private static final String PEER = "kafka-clients";
    /** Diagnostic: hpkafka produces, kafka-clients consumes; tells which side of hpkafka holds records back. */
    private static final String MIXED = "hpkafka producer → kafka-clients consumer";

    private LatencyWorkload() {
    }

    static void run(BenchContext ctx) {
        BenchmarkOptions o = ctx.options();
        String config = o.rate() + " rec/s, linger " + o.lingerMs() + " ms";
        for (int rep = 1; rep <= o.repetitions(); rep++) {
            ctx.awaitQuiet();
            for (String client : List.of(HPKAFKA, PEER, HPKAFKA_TWO_CLIENTS, MIXED)) {
                String topic = "bench-latency-" + client.replaceAll("[^a-z-]", "") + "-" + rep;
                try {
                    ctx.createTopic(topic);
                    ctx.add(client.startsWith(HPKAFKA + ",") || client.equals(HPKAFKA)
                            ? hpkafka(ctx, topic, config, rep, client) : peer(ctx, topic, config, rep, client));
                } catch (Exception e) {
                    ctx.failed("latency " + client + " #" + rep, e);
                } finally {
                    ctx.deleteTopic(topic);
                }
            }
        }
    }

    /** The paced sender's view of a client: hand over one stamped value. */
    interface Sender {
        void send(byte[] value);
    }

    /** Histogram and counters shared by the sender and the consuming side. */
    private static final class Probe {
        final Histogram histogram = new SynchronizedHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        final AtomicLong received = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        volatile long measureFromNanos = Long.MAX_VALUE;

        void received(byte[] value) {
            long now = System.nanoTime();
            long due = ByteBuffer.wrap(value).getLong(0);
            if (due >= measureFromNanos) {
                histogram.recordValue(Math.max(0, (now - due) / 1000));
                bytes.addAndGet(value.length);
            }
            received.incrementAndGet();
        }
    }

    private static RunResult hpkafka(BenchContext ctx, String topic, String config, int rep, String client)
            throws Exception {
        var configuration = ctx.hpkafka("bench-hpkafka-latency").requiredAcks(RequiredAcks.LEADER).build();
        boolean two = client.equals(HPKAFKA_TWO_CLIENTS);
        try (ClusterClient producer = new ClusterClient(configuration);
             ClusterClient consumer = two ? new ClusterClient(configuration) : null) {
            ClusterClient reader = two ? consumer : producer;
            Probe probe = new Probe();
            reader.onMessageReceived(record -> probe.received(record.value()));
            producer.partitionsFor(topic).get(30, TimeUnit.SECONDS);
            for (int p = 0; p < ctx.options().partitions(); p++) {
                reader.consumeFromEarliest(topic, p);
            }
            return paced(ctx, config, client, rep, probe, value -> producer.produce(topic, null, value));
        }
    }

    private static RunResult peer(BenchContext ctx, String topic, String config, int rep, String client)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Probe probe = new Probe();
        Thread poller = new Thread(() -> poll(ctx, topic, stop, probe::received), "bench-peer-latency-poll");
        poller.start();
        try {
            if (client.equals(MIXED)) {
                var configuration = ctx.hpkafka("bench-hpkafka-latency").requiredAcks(RequiredAcks.LEADER).build();
                try (ClusterClient hp = new ClusterClient(configuration)) {
                    hp.partitionsFor(topic).get(30, TimeUnit.SECONDS);
                    return paced(ctx, config, client, rep, probe, value -> hp.produce(topic, null, value));
                }
            }
            try (KafkaProducer<byte[], byte[]> producer =
                         new KafkaProducer<>(ctx.peerProducer("bench-peer-latency", "1", "none"))) {
                producer.partitionsFor(topic);
                return paced(ctx, config, client, rep, probe,
                        value -> producer.send(new ProducerRecord<>(topic, value)));
            }
        } finally {
            stop.set(true);
            poller.join(10_000);
        }
    }

    private static void poll(BenchContext ctx, String topic, AtomicBoolean stop, Consumer<byte[]> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ctx.peerConsumer("bench-peer-latency"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < ctx.options().partitions(); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    sink.accept(record.value());
                }
            }
        }
    }

    private static RunResult paced(BenchContext ctx, String config, String client, int rep, Probe probe,
                                   Sender sender) throws Exception {
        BenchmarkOptions o = ctx.options();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / o.rate();
        long total = (long) o.rate() * (3 + o.latencySeconds());
        long begin = System.nanoTime();
        probe.measureFromNanos = begin + WARM_UP_NANOS;
        ResourceMeter.Snapshot start = null;
        for (long i = 0; i < total; i++) {
            long due = begin + i * intervalNanos;
            if (start == null && due >= probe.measureFromNanos) {
                start = ctx.meter().snapshot();
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                // Sleep, never spin: a spinning sender would bill the harness's CPU to the client under test. A late
                // wake-up sends the records that fell due together, each still stamped with its due time.
                LockSupport.parkNanos(wait);
            }
            byte[] value = new byte[o.recordSize()];
            ByteBuffer.wrap(value).putLong(0, due);
            sender.send(value);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (probe.received.get() < total && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        ResourceMeter.Usage usage = ctx.meter().since(start);
        if (probe.received.get() < total) {
            throw new IllegalStateException((total - probe.received.get()) + " of " + total
                    + " records not received 30 s after the last was sent");
        }
        Histogram h = probe.histogram;
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("p50_us", (double) h.getValueAtPercentile(50));
        extra.put("p99_us", (double) h.getValueAtPercentile(99));
        extra.put("p99.9_us", (double) h.getValueAtPercentile(99.9));
        extra.put("max_us", (double) h.getMaxValue());
        return new RunResult("latency", config, client, rep, h.getTotalCount(), probe.bytes.get(), usage, extra);
    }
}
