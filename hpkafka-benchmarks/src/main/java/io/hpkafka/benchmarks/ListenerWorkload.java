package io.hpkafka.benchmarks;

import io.hpkafka.benchmarks.listener.HpKafkaListenerApp;
import io.hpkafka.benchmarks.listener.ListenerProbe;
import io.hpkafka.benchmarks.listener.SpringKafkaListenerApp;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listener dispatch in Spring Boot: {@code @HpKafkaListener} against Spring Kafka's {@code @KafkaListener}, each in its
 * own application context, reading the consumer workload's topic from earliest with a {@code String} parameter, until
 * {@code listenerRecords} arrived. Spring Kafka runs twice: its default ack mode (BATCH: commit after every poll) and
 * ack mode TIME (commit every 5 s). hpkafka's listener commits nothing (it has no group yet). Measured from the first
 * record to the last, so context start-up and the group join are left out for both.
 */
final class ListenerWorkload {

    private static final AtomicInteger GROUPS = new AtomicInteger();

    private ListenerWorkload() {
    }

    static void run(BenchContext ctx, long records) {
        String config = "String payload, " + records + " records";
        for (int rep = 1; rep <= ctx.options().repetitions(); rep++) {
            ctx.awaitQuiet();
            measure(ctx, config, "hpkafka @HpKafkaListener", rep, records, HpKafkaListenerApp.class, Map.of(
                    "hpkafka.seeds", ctx.bootstrap(),
                    "hpkafka.client-id", "bench-hpkafka-listener",
                    "hpkafka.consumer.fetch-max-wait", ctx.options().fetchMaxWaitMs() + "ms"));
            for (String ackMode : List.of("BATCH", "TIME")) {
                measure(ctx, config, "spring-kafka @KafkaListener ack " + ackMode, rep, records,
                        SpringKafkaListenerApp.class, Map.of(
                                "spring.kafka.bootstrap-servers", ctx.bootstrap(),
                                "spring.kafka.client-id", "bench-spring-kafka-listener",
                                "spring.kafka.consumer.auto-offset-reset", "earliest",
                                "spring.kafka.consumer.fetch-max-wait", ctx.options().fetchMaxWaitMs() + "ms",
                                "spring.kafka.listener.ack-mode", ackMode,
                                "spring.kafka.listener.ack-time", "5s",
                                "bench.group", "bench-listener-" + GROUPS.incrementAndGet()));
            }
        }
    }

    private static void measure(BenchContext ctx, String config, String client, int rep, long records,
                                Class<?> app, Map<String, Object> properties) {
        ListenerProbe probe = ListenerProbe.install(records, ctx.meter());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(app)
                .web(WebApplicationType.NONE)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .properties(Map.of("bench.topic", ConsumerWorkload.TOPIC))
                .run()) {
            probe.await(BenchContext.RUN_TIMEOUT_MS);
            ResourceMeter.Usage usage = probe.usage();
            ctx.add(new RunResult("listener", config, client, rep, probe.measuredRecords(), probe.measuredBytes(),
                    usage, Map.of()));
        } catch (Exception e) {
            ctx.failed("listener " + client + " #" + rep, e);
        } finally {
            ListenerProbe.uninstall();
        }
    }
}
