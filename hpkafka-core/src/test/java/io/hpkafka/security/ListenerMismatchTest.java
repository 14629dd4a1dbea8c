package io.hpkafka.security;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.SaslMechanism;
import io.hpkafka.config.SaslSettings;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.config.StoreType;
import io.hpkafka.config.TlsSettings;
import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.producer.DiscardReason;
import io.hpkafka.producer.ProduceFailedException;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.hpkafka.security.SecurityTestSupport.assertFailsFastWithoutReconnecting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client whose security protocol does not match the broker's listener (TLS or SASL against a plaintext
 * listener) fails fast with an {@link AuthenticationException} naming the likely mismatch, like wrong credentials.
 */
class ListenerMismatchTest {

    @TempDir
    static Path directory;
    static TestCertificates certificates;
    static EmbeddedKafkaCluster plaintext;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create(directory);
        plaintext = EmbeddedKafkaCluster.start(1);
    }

    @AfterAll
    static void stop() {
        if (plaintext != null) {
            plaintext.close();
        }
    }

    private static SecurityConfiguration ssl() {
        return SecurityConfiguration.ssl(TlsSettings.builder()
                .trustStore(certificates.trustStore(), StoreType.PKCS12, certificates.password()).build());
    }

    private static SecurityConfiguration saslPlain() {
        return SecurityConfiguration.saslPlaintext(SaslSettings.of(SaslMechanism.PLAIN, "alice", "alice-secret"));
    }

    @Test
    void tlsAgainstAPlaintextListenerFailsFastWithAnAuthenticationErrorNamingTheMismatch() throws Exception {
        AuthenticationException error = assertFailsFastWithoutReconnecting(plaintext.bootstrapServers(), ssl());

        assertThat(error).hasMessageContaining("TLS handshake").hasMessageContaining("listener");
    }

    @Test
    void saslAgainstAPlaintextListenerFailsFastWithAnAuthenticationErrorNamingTheMismatch() throws Exception {
        AuthenticationException error = assertFailsFastWithoutReconnecting(plaintext.bootstrapServers(),
                saslPlain());

        assertThat(error).hasMessageContaining("SASL listener").hasMessageNotContaining("alice-secret");
    }

    @Test
    void aRecordSentOverTlsToAPlaintextListenerIsDiscardedAsAnAuthenticationFailure() {
        assertDiscardedAsAuthenticationFailure(ssl());
    }

    @Test
    void aRecordSentOverSaslToAPlaintextListenerIsDiscardedAsAnAuthenticationFailure() {
        assertDiscardedAsAuthenticationFailure(saslPlain());
    }

    @Test
    void anAdminDescribeOverTlsToAPlaintextListenerFailsFastWithAnAuthenticationError() {
        assertAdminFailsFast(ssl());
    }

    @Test
    void anAdminDescribeOverSaslToAPlaintextListenerFailsFastWithAnAuthenticationError() {
        assertAdminFailsFast(saslPlain());
    }

    /** As a start-up topic declaration asks: it must not retry until clientRequestTimeoutMs (30 s). */
    private static void assertAdminFailsFast(SecurityConfiguration security) {
        try (ClusterClient client = new ClusterClient(SecurityTestSupport.config(plaintext.bootstrapServers(),
                security))) {
            CompletableFuture<?> described = client.admin().describeTopics(List.of("declared")).topic("declared");

            assertThatThrownBy(() -> described.get(SecurityTestSupport.FAST.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    private static void assertDiscardedAsAuthenticationFailure(SecurityConfiguration security) {
        try (ClusterClient client = new ClusterClient(SecurityTestSupport.config(plaintext.bootstrapServers(),
                security))) {
            CompletableFuture<RecordMetadata> sent = client.send(new ProducerRecord("never-written", 0, null,
                    new byte[1], List.of(), ProducerRecord.NO_TIMESTAMP));

            assertThatThrownBy(() -> sent.get(SecurityTestSupport.FAST.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ProduceFailedException.class, e -> assertThat(e.reason())
                            .isEqualTo(DiscardReason.AUTHENTICATION_FAILED));
        }
    }
}
