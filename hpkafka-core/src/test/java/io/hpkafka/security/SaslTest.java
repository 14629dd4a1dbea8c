package io.hpkafka.security;

import io.hpkafka.config.SaslMechanism;
import io.hpkafka.config.SaslSettings;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.config.StoreType;
import io.hpkafka.config.TlsSettings;
import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.hpkafka.security.SecurityTestSupport.assertFailsFastWithoutReconnecting;
import static io.hpkafka.security.SecurityTestSupport.assertProducesAndConsumes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SASL against real brokers: PLAIN over a SASL_PLAINTEXT listener, SCRAM-SHA-256 and SCRAM-SHA-512 over a SASL_SSL
 * listener (users created through the Admin API, KIP-554).
 */
class SaslTest {

    private static final String PLAIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " user_alice=\"alice-secret\";";
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
    void saslSettingsNeverShowThePasswordInToString() {
        SecurityConfiguration security = SecurityConfiguration.saslSsl(tls(),
                SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "bob", "bob-secret"));

        assertThat(security.toString()).contains("bob").doesNotContain("bob-secret");
    }
}
