package io.hpkafka.boot.autoconfigure.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListener;
import io.hpkafka.test.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator against a real broker of its own (it is stopped and started again): UP with the broker and a
 * listener container in the details, DOWN with the reason while the broker is stopped, UP again once it is back.
 */
class HpKafkaHealthIndicatorTests {

    private static final String TOPIC = "health.orders";

    private static EmbeddedKafkaCluster kafka;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class,
                HpKafkaHealthContributorAutoConfiguration.class));

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaCluster.builder().brokers(1).build().start();
        kafka.createTopic(TOPIC, 2, 1);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void upWithTheBrokerAndListenerThenDownWhileTheBrokerIsStoppedThenUpAgain() {
        this.contextRunner.withBean(Listener.class)
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.consumer.group-id=health",
                    "hpkafka.health.response-timeout=3s", "hpkafka.health.probe-timeout=500ms")
            .run((context) -> {
                HpKafkaHealthIndicator indicator = context.getBean(HpKafkaHealthIndicator.class);
                await().atMost(90, TimeUnit.SECONDS)
                    .until(() -> up(indicator.health()) && assigned(indicator.health()) == 2);
                Health up = indicator.health();
                String[] seed = kafka.bootstrapServers().split(":");
                assertThat(up.getDetails().get("brokers")).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.list(Map.class))
                    .singleElement()
                    .satisfies((broker) -> {
                        assertThat(broker).containsEntry("id", 0)
                            .containsEntry("host", seed[0])
                            .containsEntry("port", Integer.parseInt(seed[1]))
                            .containsEntry("connected", true);
                        assertThat((long) broker.get("lastResponseAgeMs")).isBetween(0L, 3000L);
                    });
                assertThat((long) up.getDetails().get("metadataAgeMs")).isNotNegative();
                assertThat(container(up)).containsEntry("running", true)
                    .containsEntry("paused", false)
                    .containsEntry("groupId", "health")
                    .containsEntry("topics", List.of(TOPIC))
                    .containsEntry("assignedPartitions", List.of(TOPIC + "-0", TOPIC + "-1"));

                kafka.stopBroker(0);
                try {
                    await().atMost(90, TimeUnit.SECONDS).until(() -> !up(indicator.health()));
                    Health down = indicator.health();
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(down.getDetails().get("reason")).asString()
                        .startsWith("no broker answered within 3000 ms; the last answer came ");
                }
                finally {
                    kafka.startBroker(0);
                }
                await().atMost(120, TimeUnit.SECONDS).until(() -> up(indicator.health()));
                assertThat(indicator.health().getDetails()).doesNotContainKey("reason");
            });
    }

    private static boolean up(Health health) {
        return Status.UP.equals(health.getStatus());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Health health) {
        return ((Map<String, Map<String, Object>>) health.getDetails().get("listenerContainers")).get("health-listener");
    }

    private static int assigned(Health health) {
        Map<String, Object> container = container(health);
        return (container != null) ? ((List<?>) container.get("assignedPartitions")).size() : 0;
    }

    static class Listener {

        final Map<String, String> seen = new ConcurrentHashMap<>();

        @HpKafkaListener(id = "health-listener", topics = TOPIC)
        void onOrder(String order) {
            this.seen.put(order, order);
        }

    }

}
