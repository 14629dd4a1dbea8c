package io.hpkafka.boot.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hpkafka.ClusterClient;
import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListener;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry;
import io.hpkafka.boot.autoconfigure.listener.StartFrom;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Meters against a real broker: the client's statistics, its hooks' meters and the listener timers. */
@HpKafkaCluster
class HpKafkaMetricsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(HpKafkaAutoConfiguration.class, HpKafkaMetricsAutoConfiguration.class));

    @Test
    void clientStatisticsBecomeMetersTaggedWithTheClientId(KafkaTestCluster kafka) {
        kafka.createTopic("metrics", 1, 1);
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.client-id=metered",
                    "hpkafka.producer.buffering-time=5ms")
            .run((context) -> {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                context.getBean(HpKafkaMetrics.class).bindTo(registry);
                @SuppressWarnings("unchecked")
                KafkaProducer<String, String> producer = context.getBean(KafkaProducer.class);
                for (int i = 0; i < 10; i++) {
                    producer.produce("metrics", "k" + i, "v" + i);
                }
                await().atMost(30, TimeUnit.SECONDS).until(() -> registry.get("hpkafka.producer.records")
                    .tags("outcome", "acknowledged", "client.id", "metered").functionCounter().count() == 10);
                assertThat(registry.get("hpkafka.producer.records").tags("outcome", "entered").functionCounter()
                    .count()).isEqualTo(10);
                assertThat(registry.get("hpkafka.producer.bytes.sent").functionCounter().count()).isPositive();
                assertThat(registry.get("hpkafka.producer.records.pending").gauge().value()).isZero();
                assertThat(registry.get("hpkafka.requests").functionCounter().count()).isPositive();
            });
    }

    @Test
    void metersCarryTheirTagsAfterProducingAndConsumingAndNoneIsLeftAfterClose(KafkaTestCluster kafka) {
        kafka.createTopic("metered", 2, 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        assertThat(hpKafkaMeters(registry)).isZero();
        this.contextRunner.withBean(MeterRegistry.class, () -> registry)
            .withBean(MeteredListener.class)
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.client-id=metered",
                    "hpkafka.producer.buffering-time=5ms", "hpkafka.consumer.buffering-time=5ms",
                    "hpkafka.listener.retry.max-attempts=2", "hpkafka.listener.retry.initial-interval=10ms")
            .run((context) -> {
                context.getBean(HpKafkaMetrics.class).bindTo(registry);
                @SuppressWarnings("unchecked")
                KafkaProducer<String, String> producer = context.getBean(KafkaProducer.class);
                for (int i = 0; i < 20; i++) {
                    producer.produce("metered", "k" + i, (i == 7) ? "fail" : "v" + i, i % 2);
                }
                producer.produce("metered", "k", "v", 9); // the topic has two partitions
                MeteredListener listener = context.getBean(MeteredListener.class);
                await().atMost(30, TimeUnit.SECONDS).until(() -> listener.received.get() >= 21 // 19 + 2 attempts
                        && lag(registry, "0") == 0 && lag(registry, "1") == 0 && registry.find("hpkafka.listener")
                            .tag("outcome", "failure").timers().stream().mapToLong(Timer::count).sum() == 2);

                assertThat(registry.get("hpkafka.producer.topic.records")
                    .tags("client.id", "metered", "topic", "metered", "outcome", "acknowledged", "reason", "none")
                    .counter()
                    .count()).isEqualTo(20);
                assertThat(registry.get("hpkafka.producer.topic.records")
                    .tags("topic", "metered", "outcome", "discarded", "reason", "unknown_partition")
                    .counter()
                    .count()).isEqualTo(1);
                assertThat(registry.get("hpkafka.producer.batch.records").tags("topic", "metered").summary()
                    .totalAmount()).isEqualTo(20);
                assertThat(registry.get("hpkafka.producer.batch.bytes").tags("topic", "metered").summary()
                    .totalAmount()).isPositive();
                assertThat(registry.get("hpkafka.request.latency").tags("client.id", "metered", "api", "Produce")
                    .timer().count()).isPositive();
                assertThat(registry.get("hpkafka.request.latency").tags("api", "Fetch").timer().count()).isPositive();
                // The failing record's partition is sought back to it for the retry, so records behind it come twice.
                assertThat(registry.get("hpkafka.consumer.topic.records").tags("topic", "metered").counter().count())
                    .isGreaterThanOrEqualTo(20);
                assertThat(registry.get("hpkafka.consumer.topic.bytes").tags("topic", "metered").counter().count())
                    .isPositive();
                assertThat(registry.get("hpkafka.consumer.fetch.latency").timer().count()).isPositive();
                assertThat(registry.get("hpkafka.listener")
                    .tags("listener.id", "metered-listener", "outcome", "success", "exception", "none")
                    .timer()
                    .count()).isEqualTo(19);
                assertThat(registry.get("hpkafka.listener")
                    .tags("listener.id", "metered-listener", "outcome", "failure", "exception",
                            "IllegalStateException")
                    .timer()
                    .count()).isEqualTo(2);
                assertThat(hpKafkaMeters(registry)).isPositive();

                context.getBean(HpKafkaListenerEndpointRegistry.class).getListenerContainer("metered-listener").stop();
                assertThat(registry.find("hpkafka.listener").meters()).isEmpty();
                await().atMost(10, TimeUnit.SECONDS).until(() -> registry.find("hpkafka.consumer.lag").meters()
                    .isEmpty());
            });
        assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
            .noneMatch((name) -> name.startsWith("hpkafka."));
    }

    private static long hpKafkaMeters(MeterRegistry registry) {
        return registry.getMeters().stream().filter((meter) -> meter.getId().getName().startsWith("hpkafka.")).count();
    }

    private static double lag(MeterRegistry registry, String partition) {
        Gauge gauge = registry.find("hpkafka.consumer.lag").tags("topic", "metered", "partition", partition).gauge();
        return (gauge != null) ? gauge.value() : -1;
    }

    static class MeteredListener {

        final AtomicInteger received = new AtomicInteger();

        @HpKafkaListener(id = "metered-listener", topics = "metered", startFrom = StartFrom.EARLIEST)
        void onValue(String value) {
            this.received.incrementAndGet();
            if (value.equals("fail")) {
                throw new IllegalStateException("rejected");
            }
        }

    }

    @Test
    void backsOffWithoutMicrometer() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
            .withPropertyValues("hpkafka.seeds=localhost:9092")
            .run((context) -> {
                assertThat(context).hasSingleBean(ClusterClient.class);
                assertThat(context).doesNotHaveBean("hpKafkaMetrics");
            });
    }

}
