package io.hpkafka;

import io.hpkafka.config.Configuration;
import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.producer.ProduceExpired;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A seed that nobody listens on gives a clear error within the configured timeout, never a hang. */
class UnreachableBrokerTest {

    @Test
    void metadataLookupFailsWithinTheClientRequestTimeoutNamingTheSeed() throws Exception {
        int port = freePort();
        Configuration config = Configuration.builder().seeds("127.0.0.1:" + port)
                .requestTimeoutMs(500).clientRequestTimeoutMs(1500).build();
        try (ClusterClient client = new ClusterClient(config)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.partitionsFor("anything").get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(KafkaClientException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("clientRequestTimeoutMs=1500");
            // Bounded by the timeout (plus scheduling slack), not by the 30 s the test would wait.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void listingTheTopicsFailsWithinTheClientRequestTimeout() throws Exception {
        int port = freePort();
        Configuration config = Configuration.builder().seeds("127.0.0.1:" + port)
                .requestTimeoutMs(500).clientRequestTimeoutMs(1500).build();
        try (ClusterClient client = new ClusterClient(config)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.topics().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(KafkaClientException.class)
                    .hasMessageContaining("clientRequestTimeoutMs=1500");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aRecordProducedToAnUnreachableClusterExpiresAfterItsTtlWithTheReason() throws Exception {
        int port = freePort();
        Configuration config = Configuration.builder().seeds("127.0.0.1:" + port)
                .requestTimeoutMs(300).clientRequestTimeoutMs(600).messageTtl(Duration.ofSeconds(1)).build();
        CopyOnWriteArrayList<ProduceExpired> expired = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config)) {
            client.onExpired(expired::add);
            assertThat(client.produce("orders", null, new byte[] {1})).isTrue();
            await().atMost(15, TimeUnit.SECONDS).until(() -> !expired.isEmpty());
        }
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).record().value()).containsExactly(1);
        assertThat(expired.get(0).lastError()).contains("127.0.0.1:" + port);
    }

    @Test
    void aRecordExpiresAtItsTtlEvenWhenTheMetadataRequestOutlastsIt() throws Exception {
        int port = freePort();
        // The refresh the record waits for gives up only after 20 s; the record's TTL is 1 s.
        Configuration config = Configuration.builder().seeds("127.0.0.1:" + port)
                .requestTimeoutMs(10_000).clientRequestTimeoutMs(20_000).messageTtl(Duration.ofSeconds(1)).build();
        CopyOnWriteArrayList<ProduceExpired> expired = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config)) {
            client.onExpired(expired::add);
            long start = System.nanoTime();
            assertThat(client.produce("orders", null, new byte[] {1})).isTrue();
            await().atMost(15, TimeUnit.SECONDS).until(() -> !expired.isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("expired near its 1 s TTL")
                    .isLessThan(Duration.ofSeconds(5));
        }
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).lastError()).isNotBlank();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed again: nothing listens there
        }
    }
}
