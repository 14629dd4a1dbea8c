package io.hpkafka.boot.autoconfigure.health;

import java.util.Map;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the health indicator is registered, and what it says when no broker answers; no broker needed.
 */
class HpKafkaHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class,
                HpKafkaHealthContributorAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=localhost:9092");

    @Test
    void registersTheIndicatorAsHpkafkaWhenSpringBootHealthIsPresent() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(HpKafkaHealthIndicator.class);
            assertThat(context).hasBean("hpkafkaHealthIndicator");
        });
    }

    @Test
    void backsOffWithoutSpringBootHealth() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
            .run((context) -> {
                assertThat(context).hasSingleBean(ClusterClient.class);
                assertThat(context).doesNotHaveBean("hpkafkaHealthIndicator");
            });
    }

    @Test
    void backsOffWhenManagementHealthHpkafkaIsDisabled() {
        this.contextRunner.withPropertyValues("management.health.hpkafka.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(HpKafkaHealthIndicator.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesAnIndicatorOfThatName() {
        this.contextRunner.withBean("hpkafkaHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
            .run((context) -> assertThat(context).doesNotHaveBean(HpKafkaHealthIndicator.class));
    }

    @Test
    void bindsTheResponseAndProbeTimeouts() {
        this.contextRunner.withPropertyValues("hpkafka.health.response-timeout=7s", "hpkafka.health.probe-timeout=300ms")
            .run((context) -> {
                HpKafkaHealthProperties properties = context.getBean(HpKafkaHealthProperties.class);
                assertThat(properties.getResponseTimeout()).hasSeconds(7);
                assertThat(properties.getProbeTimeout()).hasMillis(300);
            });
    }

    @Test
    void aResponseTimeoutOfZeroFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.health.response-timeout=0s")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hpkafka.health.response-timeout")
                .hasMessageContaining("must be positive"));
    }

    @Test
    void isDownNamingTheReasonAndTheSeedsWhenNoBrokerHasEverAnswered() {
        // Port 1: nothing listens there, the connection is refused at once.
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=127.0.0.1:1", "hpkafka.health.response-timeout=1s",
                    "hpkafka.health.probe-timeout=200ms")
            .run((context) -> {
                Health health = context.getBean(HpKafkaHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                Map<String, Object> details = health.getDetails();
                assertThat(details.get("reason")).asString()
                    .startsWith("no connection to any broker is ready; the last attempt, to 127.0.0.1:1 ")
                    .endsWith("failed: ConnectException: Connection refused");
                assertThat(details).containsEntry("seeds", java.util.List.of("127.0.0.1:1"))
                    .containsEntry("lastResponseAgeMs", -1L)
                    .containsEntry("metadataAgeMs", -1L)
                    .containsEntry("brokers", java.util.List.of());
            });
    }

}
