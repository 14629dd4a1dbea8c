package io.hpkafka.boot.autoconfigure.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hpkafka.boot.autoconfigure.HpKafkaConnectionDetails;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListener;
import io.hpkafka.test.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator as Actuator's health endpoint shows it, against a real broker of the test's own (it is stopped
 * and started again): UP with the broker and a listener container in the details, DOWN with the reason while the
 * broker is stopped (naming the refused connection), UP again once it is back.
 */
@SpringBootTest(classes = HpKafkaHealthIndicatorTests.HealthApplication.class,
        properties = { "hpkafka.consumer.group-id=health", "hpkafka.health.response-timeout=3s",
                "hpkafka.health.probe-timeout=500ms", "management.endpoint.health.show-details=always" })
@DirtiesContext
class HpKafkaHealthIndicatorTests {

    private static final String TOPIC = "health.orders";

    @Autowired
    private HealthEndpoint healthEndpoint;

    @Autowired
    private EmbeddedKafkaCluster kafka;

    @Test
    void upWithTheBrokerAndListenerThenDownWhileTheBrokerIsStoppedThenUpAgain() {
        await().atMost(90, TimeUnit.SECONDS).until(() -> up(health()) && assigned(health()) == 2);
        IndicatedHealthDescriptor up = health();
        String[] seed = this.kafka.bootstrapServers().split(":");
        assertThat(up.getDetails().get("brokers"))
            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(Map.class))
            .singleElement()
            .satisfies((broker) -> {
                assertThat(broker).containsEntry("id", 0)
                    .containsEntry("host", seed[0])
                    .containsEntry("port", Integer.parseInt(seed[1]))
                    .containsEntry("connected", true);
                assertThat((long) broker.get("lastResponseAgeMs")).isBetween(0L, 3000L);
            });
        assertThat((long) up.getDetails().get("metadataAgeMs")).isNotNegative();
        assertThat(up.getDetails()).containsEntry("seeds", List.of(this.kafka.bootstrapServers()))
            .doesNotContainKey("reason");
        assertThat(container(up)).containsEntry("running", true)
            .containsEntry("paused", false)
            .containsEntry("groupId", "health")
            .containsEntry("topics", List.of(TOPIC))
            .containsEntry("assignedPartitions", List.of(TOPIC + "-0", TOPIC + "-1"));

        this.kafka.stopBroker(0);
        try {
            await().atMost(90, TimeUnit.SECONDS).until(() -> !up(health()));
            IndicatedHealthDescriptor down = health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails().get("reason")).asString()
                .startsWith("no connection to any broker is ready; the last attempt, to " + seed[0] + ":" + seed[1])
                .contains("Connection refused");
        }
        finally {
            this.kafka.startBroker(0);
        }
        await().atMost(120, TimeUnit.SECONDS).until(() -> up(health()));
        assertThat(health().getDetails()).doesNotContainKey("reason");
    }

    private IndicatedHealthDescriptor health() {
        return (IndicatedHealthDescriptor) this.healthEndpoint.healthForPath("hpkafka");
    }

    private static boolean up(IndicatedHealthDescriptor health) {
        return Status.UP.equals(health.getStatus());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(IndicatedHealthDescriptor health) {
        return ((Map<String, Map<String, Object>>) health.getDetails().get("listenerContainers")).get("health-listener");
    }

    private static int assigned(IndicatedHealthDescriptor health) {
        Map<String, Object> container = container(health);
        return (container != null) ? ((List<?>) container.get("assignedPartitions")).size() : 0;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listener.class)
    static class HealthApplication {

        // A bean, so that the client (which depends on the connection details) is closed before the broker.
        @Bean(destroyMethod = "close")
        EmbeddedKafkaCluster kafka() {
            EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().brokers(1).build().start();
            kafka.createTopic(TOPIC, 2, 1);
            return kafka;
        }

        @Bean
        HpKafkaConnectionDetails connectionDetails(EmbeddedKafkaCluster kafka) {
            String seeds = kafka.bootstrapServers();
            return () -> seeds;
        }

    }

    static class Listener {

        @HpKafkaListener(id = "health-listener", topics = TOPIC)
        void onOrder(String order) {
        }

    }

}
