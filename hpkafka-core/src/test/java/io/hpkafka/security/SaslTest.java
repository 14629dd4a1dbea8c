package io.hpkafka.security;

import io.hpkafka.ClusterClient;
import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.config.SaslMechanism;
import io.hpkafka.producer.DiscardReason;
import io.hpkafka.producer.ProduceFailedException;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.config.SaslSettings;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.config.StoreType;
import io.hpkafka.config.TlsSettings;
import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.TestCertificates;
import io.hpkafka.test.proxy.CountingProxy;
import io.hpkafka.config.BrokerAddress;
import io.hpkafka.config.Compatibility;
import io.hpkafka.internal.network.BrokerConnection;
import io.hpkafka.internal.network.ConnectionSettings;
import io.hpkafka.internal.network.IoLoop;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import static io.hpkafka.security.SecurityTestSupport.assertFailsFastWithoutReconnecting;
import static io.hpkafka.security.SecurityTestSupport.assertProducesAndConsumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * SASL against real brokers: PLAIN over a SASL_PLAINTEXT listener, SCRAM-SHA-256 and SCRAM-SHA-512 over a SASL_SSL
 * listener (users created through the Admin API, KIP-554).
 */
class SaslTest {

    private static final String PLAIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " user_alice=\"alice-secret\";";
    /** The PLAIN broker's session lifetime (KIP-368): it closes a connection whose session expired. */
    private static final long SESSION_LIFETIME_MS = 2_000;
    private static final String SCRAM_JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required;";

    @TempDir
    static Path directory;
    static TestCertificates certificates;
    static EmbeddedKafkaCluster plain;
    static EmbeddedKafkaCluster scram;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create(directory);
        plain = EmbeddedKafkaCluster.builder().securedListener("SASL_PLAINTEXT")
                .brokerProperty("listener.name.secured.sasl.enabled.mechanisms", "PLAIN")
                .brokerProperty("listener.name.secured.plain.sasl.jaas.config", PLAIN_JAAS)
                .brokerProperty("connections.max.reauth.ms", Long.toString(SESSION_LIFETIME_MS))
                .build().start();
        scram = EmbeddedKafkaCluster.builder().securedListener("SASL_SSL")
                .brokerProperties(certificates.brokerProperties(false))
                .brokerProperty("listener.name.secured.sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512")
                .brokerProperty("listener.name.secured.scram-sha-256.sasl.jaas.config", SCRAM_JAAS)
                .brokerProperty("listener.name.secured.scram-sha-512.sasl.jaas.config", SCRAM_JAAS)
                .build().start();
        scram.createScramUser("SCRAM-SHA-512", "bob", "bob-secret");
        scram.createScramUser("SCRAM-SHA-256", "carol", "carol-secret");
    }

    @AfterAll
    static void stop() {
        if (plain != null) {
            plain.close();
        }
        if (scram != null) {
            scram.close();
        }
    }

    private static TlsSettings tls() {
        return TlsSettings.builder().trustStore(certificates.trustStore(), StoreType.PKCS12, certificates.password())
                .build();
    }

    @Test
    void recordsAreProducedAndConsumedWithPlainOverSaslPlaintext() throws Exception {
        assertProducesAndConsumes(plain, "sasl-plain", SecurityConfiguration.saslPlaintext(
                SaslSettings.of(SaslMechanism.PLAIN, "alice", "alice-secret")));
    }

    @Test
    void recordsAreProducedAndConsumedWithScramSha512OverSaslSsl() throws Exception {
        assertProducesAndConsumes(scram, "sasl-scram-512", SecurityConfiguration.saslSsl(tls(),
                SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "bob", "bob-secret")));
    }

    @Test
    void recordsAreProducedAndConsumedWithScramSha256OverSaslSsl() throws Exception {
        assertProducesAndConsumes(scram, "sasl-scram-256", SecurityConfiguration.saslSsl(tls(),
                SaslSettings.of(SaslMechanism.SCRAM_SHA_256, "carol", "carol-secret")));
    }

    @Test
    void aWrongPlainPasswordFailsFastNamingTheUserButNotThePassword() throws Exception {
        AuthenticationException error = assertFailsFastWithoutReconnecting(plain.bootstrapServers(),
                SecurityConfiguration.saslPlaintext(SaslSettings.of(SaslMechanism.PLAIN, "alice", "wrong-secret")));

        assertThat(error).hasMessageContaining("SASL_AUTHENTICATION_FAILED").hasMessageContaining("alice")
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void aRecordSentWithAWrongPasswordFailsFastAsAnAuthenticationFailureNotAfterTheMessageTtl() {
        SecurityConfiguration wrong = SecurityConfiguration.saslPlaintext(
                SaslSettings.of(SaslMechanism.PLAIN, "alice", "wrong-secret"));
        try (ClusterClient client = new ClusterClient(SecurityTestSupport.config(plain.bootstrapServers(), wrong))) {
            CompletableFuture<RecordMetadata> sent = client.send(new ProducerRecord("never-written", 0, null,
                    new byte[1], List.of(), ProducerRecord.NO_TIMESTAMP));

            assertThatThrownBy(() -> sent.get(SecurityTestSupport.FAST.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ProduceFailedException.class, e -> assertThat(e.reason())
                            .isEqualTo(DiscardReason.AUTHENTICATION_FAILED))
                    .hasMessageContaining("SASL_AUTHENTICATION_FAILED").hasMessageNotContaining("wrong-secret");
        }
    }

    @Test
    void aConsumerWithAWrongPasswordRaisesAConsumerErrorCausedByTheAuthenticationFailure() {
        SecurityConfiguration wrong = SecurityConfiguration.saslPlaintext(
                SaslSettings.of(SaslMechanism.PLAIN, "alice", "wrong-secret"));
        List<ConsumerError> errors = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(SecurityTestSupport.config(plain.bootstrapServers(), wrong))) {
            client.onConsumerError(errors::add);
            client.consumeFromEarliest("never-read", 0);

            await().atMost(SecurityTestSupport.FAST).until(() -> !errors.isEmpty());
        }
        assertThat(errors.get(0).cause()).isInstanceOf(AuthenticationException.class);
        assertThat(errors.get(0).error()).contains("SASL_AUTHENTICATION_FAILED").doesNotContain("wrong-secret");
    }

    @Test
    void aWrongScramPasswordFailsFastWithAnAuthenticationError() throws Exception {
        AuthenticationException error = assertFailsFastWithoutReconnecting(scram.bootstrapServers(),
                SecurityConfiguration.saslSsl(tls(), SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "bob",
                        "wrong-secret")));

        assertThat(error).hasMessageContaining("SCRAM-SHA-512").hasMessageNotContaining("wrong-secret");
    }

    @Test
    void aMechanismTheListenerDoesNotEnableFailsFastNamingTheEnabledOnes() throws Exception {
        AuthenticationException error = assertFailsFastWithoutReconnecting(plain.bootstrapServers(),
                SecurityConfiguration.saslPlaintext(SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "alice",
                        "alice-secret")));

        assertThat(error).hasMessageContaining("does not enable").hasMessageContaining("[PLAIN]");
    }

    @Test
    void aSessionWithALifetimeIsRenewedOnTheSameConnectionBeforeTheBrokerClosesIt() throws Exception {
        ConnectionSettings settings = new ConnectionSettings("reauthentication-test", 5, 10_000, 64 * 1024,
                64 * 1024, 16 * 1024 * 1024, ForkJoinPool.commonPool(), Compatibility.NEGOTIATE,
                SecurityConfiguration.saslPlaintext(SaslSettings.of(SaslMechanism.PLAIN, "alice", "alice-secret")));
        try (CountingProxy proxy = CountingProxy.start(plain.bootstrapServers());
             IoLoop loop = new IoLoop("reauthentication-test-io")) {
            BrokerConnection connection = new BrokerConnection(-1, new BrokerAddress("127.0.0.1", proxy.port()),
                    loop, settings);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * SESSION_LIFETIME_MS);
            int answered = 0;
            while (System.nanoTime() < end) {
                // Without renewal, the first request after the session expired would fail: the broker closes.
                assertThat(connection.send(new MetadataRequest(List.of(), false)).get(10, TimeUnit.SECONDS)
                        .brokers()).isNotEmpty();
                answered++;
                Thread.sleep(100); // a request every 100 ms: one arrives soon after each would-be expiry
            }
            assertThat(answered).isGreaterThan(10);
            assertThat(proxy.acceptedConnections()).as("connections opened").isEqualTo(1);
            connection.close();
        }
    }

    @Test
    void saslSettingsNeverShowThePasswordInToString() {
        SecurityConfiguration security = SecurityConfiguration.saslSsl(tls(),
                SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "bob", "bob-secret"));

        assertThat(security.toString()).contains("bob").doesNotContain("bob-secret");
    }
}
