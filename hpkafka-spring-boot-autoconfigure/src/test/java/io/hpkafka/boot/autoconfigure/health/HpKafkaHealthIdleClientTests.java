package io.hpkafka.boot.autoconfigure.health;

import java.util.concurrent.TimeUnit;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client with nothing to do is not reported DOWN: the check asks the cluster itself when no broker has answered for
 * a while.
 */
@HpKafkaCluster
class HpKafkaHealthIdleClientTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class,
                HpKafkaHealthContributorAutoConfiguration.class));

    @Test
    void aClientSilentForLongerThanTheResponseTimeoutIsUpAfterTheCheckAsksTheCluster(KafkaTestCluster kafka) {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.health.response-timeout=1s",
                    "hpkafka.health.probe-timeout=30s")
            .run((context) -> {
                ClusterClient client = context.getBean(ClusterClient.class);
                HpKafkaHealthIndicator indicator = context.getBean(HpKafkaHealthIndicator.class);
                assertThat(client.clusterState().lastResponseAgeMs()).as("no request sent yet").isEqualTo(-1);

                Health first = indicator.health();
                assertThat(first.getStatus()).isEqualTo(Status.UP);
                // Nothing else asks the brokers: wait until the client has heard nothing for longer than the timeout.
                await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> client.clusterState().lastResponseAgeMs() > 1000);

                Health later = indicator.health();
                assertThat(later.getStatus()).isEqualTo(Status.UP);
                assertThat((long) later.getDetails().get("lastResponseAgeMs")).isLessThan(1000);
            });
    }

}
