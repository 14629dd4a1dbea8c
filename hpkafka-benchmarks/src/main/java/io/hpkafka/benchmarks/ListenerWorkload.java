package io.hpkafka.benchmarks;

import io.hpkafka.benchmarks.listener.HpKafkaListenerApp;
import io.hpkafka.benchmarks.listener.ListenerProbe;
import io.hpkafka.benchmarks.listener.SpringKafkaListenerApp;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listener dispatch in Spring Boot, in a consumer group with commits on both sides: {@code @HpKafkaListener} against
 * Spring Kafka's {@code @KafkaListener}, each in its own application context with a {@code String} parameter, in ack
 * mode BATCH (a commit after each batch of records delivered, Spring Kafka's default) and ack mode TIME (a commit every
 * {@link #ACK_TIME}). Each run joins a fresh group, which has no committed offset, so it reads the whole of
 * {@link #TOPIC} ({@code --listener-records} records, written once by kafka-clients) from earliest.
 * <p>
 * Both contexts start with the listener container stopped ({@code auto-startup=false}); it is started through the
 * registry once the JIT compilers are quiet (the context's start-up makes a lot of code hot, and compiling it took
 * 30-50 % of a core during hpkafka's 0.3-s runs). Measured from the first record to the last, so context start-up and
 * the group join (and, at the end, the final commit and leaving the group) are left out for both. Each run reports
 * the JIT's time within the measured interval ({@code jit_ms}) and how long the start waited for it
 * ({@code jit_wait_ms}). The pairs alternate A B B A: hpkafka first in odd
 * repetitions, Spring Kafka first in even ones, each pair in one ack mode. {@code --clients hpkafka} runs hpkafka's
 * side alone, {@code --clients kafka-clients} Spring Kafka's (to profile one).
 * <p>
 * Checked after each run, once the application context (and with it the listener container) has stopped: every
 * record arrived exactly once (the listener's count is the topic's record count), and the group's committed offsets
 * (read with kafka-clients' {@code Admin}) are each partition's end offset, so they sum to the records processed. A
 * run that fails either check is reported as failed, not measured. Before the measured runs, one unmeasured run of
 * each listener and ack mode, checked the same way.
 */
final class ListenerWorkload {

    /** The listener workload's own topic, so that a run can read all of it. */
    static final String TOPIC = "bench-listen";
    static final List<String> ACK_MODES = List.of("BATCH", "TIME");
    /** Between two commits in ack mode TIME, on both sides (the default of both). */
    static final String ACK_TIME = "5s";

    /** The listener's id on both sides, to start its container through the registry. */
    static final String LISTENER_ID = "bench";
    private static final long JIT_QUIET_MS = 5;
    private static final long JIT_QUIET_WINDOW_MS = 250;
    private static final long JIT_QUIET_MAX_MS = 10_000;

    static final String HPKAFKA = "hpkafka @HpKafkaListener";
    static final String SPRING_KAFKA = "spring-kafka @KafkaListener";

    private static final AtomicInteger GROUPS = new AtomicInteger();

    private ListenerWorkload() {
    }

    /** @return the configuration label of a run in {@code ackMode} */
    static String config(String ackMode, long records) {
        return "group, ack " + ackMode + ", String payload, " + records + " records";
    }

    static void run(BenchContext ctx) {
        long records = ctx.options().listenerRecords();
        Map<TopicPartition, Long> ends;
        try {
            ends = fill(ctx, records);
        } catch (Exception e) {
            ctx.failed("filling " + TOPIC, e);
            return;
        }
        ctx.note("listener runs: each reads all of " + TOPIC + " (" + records + " records of "
                + ctx.options().recordSize() + " B, " + ends.size() + " partitions) in a fresh consumer group from "
                + "earliest; ack modes BATCH and TIME (ack-time " + ACK_TIME + ") on both sides; measured from the "
                + "first record to the last; after each run the listener's count and the group's committed offsets "
                + "are checked against the topic's end offsets; first one unmeasured run of each listener and ack "
                + "mode (warm-up)");
        try {
            // One unmeasured run of each listener and ack mode: the JIT compiles both listeners' paths before anything
            // counts (a tenth of the records left hpkafka's first measured runs 30-50 % slower than its later ones).
            // Its count and commits are checked all the same.
            System.out.println("  (warm-up: each listener and ack mode once, unmeasured)");
            for (String ackMode : ACK_MODES) {
                for (boolean hp : new boolean[] {true, false}) {
                    measure(ctx, ackMode, hp, 0, records, ends);
                }
            }
            for (int rep = 1; rep <= ctx.options().repetitions(); rep++) {
                boolean hpFirst = rep % 2 == 1;
                for (String ackMode : ACK_MODES) {
                    // Before each run, not each pair: a Spring Kafka BATCH run lasts 10-20 s, long enough for a build
                    // next door to start during it.
                    ctx.awaitQuiet();
                    measure(ctx, ackMode, hpFirst, rep, records, ends);
                    ctx.awaitQuiet();
                    measure(ctx, ackMode, !hpFirst, rep, records, ends);
                }
            }
        } finally {
            ctx.deleteTopic(TOPIC);
        }
    }

    /**
     * Writes {@code records} uncompressed values to a fresh {@link #TOPIC} with kafka-clients.
     *
     * @return the end offset of each partition (their sum is {@code records})
     */
    static Map<TopicPartition, Long> fill(BenchContext ctx, long records) throws Exception {
        ctx.createTopic(TOPIC);
        AtomicLong failed = new AtomicLong();
        Callback callback = (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            }
        };
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(ctx.peerProducer("bench-listener-fill", "1", "none"))) {
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, ctx.payload(i)), callback);
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + records + " records failed");
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < ctx.options().partitions(); p++) {
            latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new TreeMap<>(java.util.Comparator.comparingInt(TopicPartition::partition));
        ctx.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        if (total != records) {
            throw new IllegalStateException(TOPIC + " holds " + total + " records, not " + records + ": " + ends);
        }
        return ends;
    }

    /**
     * One run: starts the application, waits for {@code records} records, stops it, checks the count and the
     * commits, and (when {@code rep} > 0) adds the result.
     *
     * @param rep the repetition; 0 for a warm-up run, which is checked but not reported
     */
    private static void measure(BenchContext ctx, String ackMode, boolean hp, int rep, long records,
                                Map<TopicPartition, Long> ends) {
        if (!ctx.options().uses(hp ? "hpkafka" : "kafka-clients")) {
            return; // --clients: one side alone, to profile it
        }
        String client = hp ? HPKAFKA : SPRING_KAFKA;
        String group = "bench-listener-" + (hp ? "hp-" : "sk-") + ackMode.toLowerCase(java.util.Locale.ROOT) + "-"
                + GROUPS.incrementAndGet();
        String what = "listener " + client + " ack " + ackMode + (rep == 0 ? " warm-up" : " #" + rep);
        long fetchWait = ctx.options().fetchMaxWaitMs();
        Map<String, Object> properties = hp
                ? Map.of(
                        "hpkafka.seeds", ctx.bootstrap(),
                        "hpkafka.client-id", "bench-hpkafka-listener",
                        "hpkafka.consumer.fetch-max-wait", fetchWait + "ms",
                        "hpkafka.consumer.default-offset", "earliest",
                        "hpkafka.listener.auto-startup", "false")
                : Map.of(
                        "spring.kafka.bootstrap-servers", ctx.bootstrap(),
                        "spring.kafka.client-id", "bench-spring-kafka-listener",
                        "spring.kafka.consumer.auto-offset-reset", "earliest",
                        "spring.kafka.consumer.fetch-max-wait", fetchWait + "ms",
                        "spring.kafka.listener.ack-mode", ackMode,
                        "spring.kafka.listener.ack-time", ACK_TIME,
                        "spring.kafka.listener.auto-startup", "false");
        ListenerProbe probe = ListenerProbe.install(records, ctx.meter());
        try {
            ResourceMeter.Usage usage;
            long stopMillis;
            long jitWaitMillis;
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(hp ? HpKafkaListenerApp.class
                    : SpringKafkaListenerApp.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .properties(properties)
                    .properties(Map.of("bench.topic", TOPIC, "bench.group", group, "bench.ack-mode", ackMode,
                            "bench.ack-time", ACK_TIME))
                    .run()) {
                // The container starts once the JIT has compiled what the context's start-up made hot: started with
                // the context, the compilers took 30-50 % of a core during hpkafka's 0.3-s runs.
                jitWaitMillis = awaitJitQuiet();
                if (hp) {
                    context.getBean(HpKafkaListenerEndpointRegistry.class).getListenerContainer(LISTENER_ID).start();
                } else {
                    context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(LISTENER_ID).start();
                }
                probe.await(BenchContext.RUN_TIMEOUT_MS);
                usage = probe.usage();
                long stopping = System.nanoTime();
                context.close(); // stops the listener container: the last commit, leaving the group
                stopMillis = (System.nanoTime() - stopping) / 1_000_000;
            }
            long delivered = probe.count();
            verify(ctx.admin(), group, delivered, ends);
            if (rep > 0) {
                Map<String, Double> extra = new LinkedHashMap<>();
                extra.put("jit_ms", (double) probe.jitMillis());
                extra.put("jit_wait_ms", (double) jitWaitMillis);
                extra.put("stop_ms", (double) stopMillis);
                ctx.add(new RunResult("listener", config(ackMode, records), client, rep, probe.measuredRecords(),
                        probe.measuredBytes(), usage, extra));
            } else {
                System.out.printf("  warm-up %s ack %s: %,d records delivered and committed, stopped in %d ms%n",
                        client, ackMode, delivered, stopMillis);
            }
        } catch (Exception e) {
            ctx.failed(what, e);
        } finally {
            ListenerProbe.uninstall();
            try {
                ctx.admin().deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("  (could not delete group " + group + ": " + e + ")");
            }
        }
    }

    /**
     * Waits until the JIT compilers have spent under {@value #JIT_QUIET_MS} ms in {@value #JIT_QUIET_WINDOW_MS} ms, at
     * most {@value #JIT_QUIET_MAX_MS} ms.
     *
     * @return how long it waited, in ms
     */
    private static long awaitJitQuiet() throws InterruptedException {
        long began = System.nanoTime();
        long last = ListenerProbe.jitMillisSoFar();
        if (last < 0) {
            return 0;
        }
        while ((System.nanoTime() - began) / 1_000_000 < JIT_QUIET_MAX_MS) {
            Thread.sleep(JIT_QUIET_WINDOW_MS);
            long now = ListenerProbe.jitMillisSoFar();
            if (now - last < JIT_QUIET_MS) {
                break;
            }
            last = now;
        }
        return (System.nanoTime() - began) / 1_000_000;
    }

    /**
     * Fails unless the group's committed offsets sum to the records the listener processed and, for a run that read
     * the whole topic, unless every record arrived once and each partition's committed offset is its end offset.
     *
     * @param ends each partition's end offset, or {@code null} to check the sum only
     */
    static void verify(Admin admin, String group, long delivered, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<Integer, Long> byPartition = new TreeMap<>();
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            if (e.getKey().topic().equals(TOPIC) && e.getValue() != null) {
                byPartition.put(e.getKey().partition(), e.getValue().offset());
                sum += e.getValue().offset();
            }
        }
        String detail = "group " + group + ": committed offsets " + byPartition + " (sum " + sum + "), "
                + delivered + " records delivered to the listener"
                + (ends == null ? "" : ", end offsets " + endsByPartition(ends));
        if (sum != delivered) {
            throw new IllegalStateException("COMMITTED OFFSETS DO NOT MATCH THE RECORDS PROCESSED once the container "
                    + "stopped: " + detail);
        }
        if (ends != null) {
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            if (delivered != total) {
                throw new IllegalStateException("RECORDS LOST OR DUPLICATED: " + delivered + " delivered, the topic "
                        + "holds " + total + ": " + detail);
            }
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                Long c = byPartition.get(e.getKey().partition());
                if (c == null || c.longValue() != e.getValue()) {
                    throw new IllegalStateException("COMMITTED OFFSET OF PARTITION " + e.getKey().partition()
                            + " IS NOT ITS END OFFSET: " + detail);
                }
            }
        }
    }

    private static Map<Integer, Long> endsByPartition(Map<TopicPartition, Long> ends) {
        Map<Integer, Long> out = new TreeMap<>();
        ends.forEach((tp, offset) -> out.put(tp.partition(), offset));
        return out;
    }
}
