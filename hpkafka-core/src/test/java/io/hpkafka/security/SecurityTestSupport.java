package io.hpkafka.security;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.proxy.CountingProxy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shared steps of the TLS and SASL tests: a round trip through a secured listener, and a failure that is fast. */
final class SecurityTestSupport {

    /** Far above what a refused handshake or authentication takes, far below clientRequestTimeoutMs. */
    static final Duration FAST = Duration.ofSeconds(5);
    static final int CLIENT_REQUEST_TIMEOUT_MS = 30_000;

    private SecurityTestSupport() {
    }

    static Configuration config(String seeds, SecurityConfiguration security) {
        return Configuration.builder().seeds(seeds).clientId("security-test").security(security)
                .clientRequestTimeoutMs(CLIENT_REQUEST_TIMEOUT_MS).requestTimeoutMs(10_000).build();
    }

    /** Produces one record and reads it back through the secured listener. */
    static void assertProducesAndConsumes(EmbeddedKafkaCluster kafka, String topic, SecurityConfiguration security)
            throws Exception {
        kafka.createTopic(topic, 1, 1);
        byte[] value = ("over " + security.protocol()).getBytes(StandardCharsets.UTF_8);
        try (ClusterClient client = new ClusterClient(config(kafka.bootstrapServers(), security))) {
            long offset = client.send(new ProducerRecord(topic, 0, null, value, List.of(),
                    ProducerRecord.NO_TIMESTAMP)).get(60, TimeUnit.SECONDS).offset();
            List<byte[]> received = new CopyOnWriteArrayList<>();
            client.onMessageReceived(r -> received.add(r.value()));
            client.consumeFromEarliest(topic, 0);
            await().atMost(60, TimeUnit.SECONDS).until(() -> !received.isEmpty());
            assertThat(offset).isZero();
            assertThat(received.get(0)).isEqualTo(value);
        }
    }

    /**
     * Asks for a topic's partitions through a counting proxy in front of {@code target}, expecting an
     * {@link AuthenticationException} well before the request timeout; asks again five times and expects the same
     * error at once, from the back-off, without new connections.
     *
     * @return the error
     */
    static AuthenticationException assertFailsFastWithoutReconnecting(String target, SecurityConfiguration security)
            throws Exception {
        try (CountingProxy proxy = CountingProxy.start(target);
             ClusterClient client = new ClusterClient(config(proxy.address(), security))) {
            long start = System.nanoTime();
            Throwable first = failure(client);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            assertThat(first).isInstanceOf(AuthenticationException.class);
            for (int i = 0; i < 5; i++) {
                assertThat(failure(client)).isInstanceOf(AuthenticationException.class)
                        .hasMessage(first.getMessage());
            }
            assertThat(proxy.acceptedConnections()).as("connections opened").isEqualTo(1);
            return (AuthenticationException) first;
        }
    }

    private static Throwable failure(ClusterClient client) throws Exception {
        try {
            client.partitionsFor("anything").get(FAST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the request succeeded");
    }
}
