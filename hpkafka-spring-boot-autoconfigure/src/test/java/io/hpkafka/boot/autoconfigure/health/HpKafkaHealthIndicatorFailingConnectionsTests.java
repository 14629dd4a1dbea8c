package io.hpkafka.boot.autoconfigure.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.proxy.FaultProxy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The indicator goes DOWN at once, naming the connection error, when no connection is ready and every attempt to
 * reach the cluster fails, instead of waiting out the response timeout or blocking each check for the probe timeout.
 * The timeouts are long (30 s, 10 s) so that only the fast path can pass.
 */
class HpKafkaHealthIndicatorFailingConnectionsTests {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void anIdleClientIsUpThenDownNamingTheRefusalSoonAfterItsOnlyBrokerStopsAcceptingThenUpAfterHealing() {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().faultProxies().build().start();
                ClusterClient client = new ClusterClient(config(kafka.bootstrapServers()))) {
            HpKafkaHealthIndicator indicator = new HpKafkaHealthIndicator(client, null, RESPONSE_TIMEOUT,
                    PROBE_TIMEOUT);
            await().atMost(30, TimeUnit.SECONDS).until(() -> indicator.health().getStatus().equals(Status.UP));
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            FaultProxy proxy = kafka.faultProxy(0);
            proxy.refuseConnections(true);
            proxy.cutConnections();

            // Well below the response timeout (30 s) that used to be the only way to DOWN.
            await().atMost(5, TimeUnit.SECONDS).until(() -> indicator.health().getStatus().equals(Status.DOWN));
            Health down = indicator.health();
            assertThat(down.getDetails().get("reason")).asString()
                .startsWith("no connection to any broker is ready")
                .contains("closed by the broker");

            proxy.heal();
            await().atMost(30, TimeUnit.SECONDS).until(() -> indicator.health().getStatus().equals(Status.UP));
            assertThat(indicator.health().getDetails()).doesNotContainKey("reason");
        }
    }

    @Test
    void seedsAtADeadPortAreDownNamingConnectionRefusedWithoutEachCheckWaitingForTheProbe() {
        try (ClusterClient client = new ClusterClient(config("127.0.0.1:1"))) {
            HpKafkaHealthIndicator indicator = new HpKafkaHealthIndicator(client, null, RESPONSE_TIMEOUT,
                    PROBE_TIMEOUT);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);

            long start = System.nanoTime();
            Health second = indicator.health();
            // Half the probe timeout: a check that waited for the probe would take all of it.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROBE_TIMEOUT.dividedBy(2));
            assertThat(second.getStatus()).isEqualTo(Status.DOWN);
            assertThat(second.getDetails().get("reason")).asString()
                .startsWith("no connection to any broker is ready")
                .contains("127.0.0.1:1")
                .contains("Connection refused");
        }
    }

    private static Configuration config(String seeds) {
        return Configuration.builder().seeds(seeds).clientId("health-failing-connections").build();
    }

}
