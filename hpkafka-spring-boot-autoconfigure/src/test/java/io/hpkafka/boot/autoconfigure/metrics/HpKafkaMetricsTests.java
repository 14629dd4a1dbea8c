package io.hpkafka.boot.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;

import io.hpkafka.ClusterClient;
import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void backsOffWithoutMicrometer() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
            .withPropertyValues("hpkafka.seeds=localhost:9092")
            .run((context) -> {
                assertThat(context).hasSingleBean(ClusterClient.class);
                assertThat(context).doesNotHaveBean("hpKafkaMetrics");
            });
    }

}
