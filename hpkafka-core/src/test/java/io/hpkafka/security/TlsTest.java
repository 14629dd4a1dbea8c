package io.hpkafka.security;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.InvalidConfigurationException;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.hpkafka.security.SecurityTestSupport.assertFailsFastWithoutReconnecting;
import static io.hpkafka.security.SecurityTestSupport.assertProducesAndConsumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * TLS against real brokers: one that requires a client certificate (mutual TLS), one whose certificate names
 * another host. Certificates are made at run time by {@link TestCertificates}.
 */
class TlsTest {

    @TempDir
    static Path directory;
    static TestCertificates certificates;
    static TestCertificates strangers;
    static TestCertificates otherName;
    static EmbeddedKafkaCluster mutualTls;
    static EmbeddedKafkaCluster misnamed;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create(directory.resolve("ca"));
        strangers = TestCertificates.create(directory.resolve("strangers"));
        otherName = TestCertificates.create(directory.resolve("other-name"), "dns:broker.example");
        mutualTls = EmbeddedKafkaCluster.builder().securedListener("SSL")
                .brokerProperties(certificates.brokerProperties(true)).build().start();
        misnamed = EmbeddedKafkaCluster.builder().securedListener("SSL")
                .brokerProperties(otherName.brokerProperties(false)).build().start();
    }

    @AfterAll
    static void stop() {
        if (mutualTls != null) {
            mutualTls.close();
        }
        if (misnamed != null) {
            misnamed.close();
        }
    }

    private static TlsSettings.Builder trusting(TestCertificates ca) {
        return TlsSettings.builder().trustStore(ca.trustStore(), StoreType.PKCS12, ca.password());
    }

    private static TlsSettings.Builder withClientCertificate(TestCertificates ca) {
        return trusting(ca).keyStore(ca.clientKeyStore(), StoreType.PKCS12, ca.password());
    }

    @Test
    void recordsAreProducedAndConsumedOverMutualTls() throws Exception {
        assertProducesAndConsumes(mutualTls, "over-mutual-tls",
                SecurityConfiguration.ssl(withClientCertificate(certificates).build()));
    }

    @Test
    void largeRecordsArriveIntactOverTlsWhateverTheRecordAndFrameBoundaries() throws Exception {
        // Frames of many TLS records each: decrypted straight into the frame, and through the engine's buffer.
        String topic = "large-over-tls";
        mutualTls.createTopic(topic, 1, 1);
        int count = 40;
        SecurityConfiguration security = SecurityConfiguration.ssl(withClientCertificate(certificates).build());
        try (ClusterClient client = new ClusterClient(SecurityTestSupport.config(mutualTls.bootstrapServers(),
                security))) {
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(client.send(new ProducerRecord(topic, 0, null, pattern(i), List.of(),
                        ProducerRecord.NO_TIMESTAMP)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            List<byte[]> received = new CopyOnWriteArrayList<>();
            client.onMessageReceived(r -> received.add(r.value()));
            client.consumeFromEarliest(topic, 0);
            await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= count);
            for (int i = 0; i < count; i++) {
                assertThat(received.get(i)).as("record %d", i).isEqualTo(pattern(i));
            }
        }
    }

    /** 50,000 to 150,000 bytes that differ from record to record and from position to position. */
    private static byte[] pattern(int index) {
        byte[] value = new byte[50_000 + index * 2_500];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31 + index * 7);
        }
        return value;
    }

    @Test
    void recordsAreProducedAndConsumedOverTlsTrustingTheCaAsPem() throws Exception {
        TlsSettings tls = TlsSettings.builder().trustStore(otherName.caPem(), StoreType.PEM, null)
                .hostnameVerification(false).build();

        assertProducesAndConsumes(misnamed, "over-tls-pem-trust", SecurityConfiguration.ssl(tls));
    }

    @Test
    void aBrokerCertificateFromAnUntrustedCaFailsFastWithAnAuthenticationError() throws Exception {
        AuthenticationException error = assertFailsFastWithoutReconnecting(mutualTls.bootstrapServers(),
                SecurityConfiguration.ssl(withClientCertificate(strangers).build()));

        assertThat(error).hasMessageContaining("TLS handshake").hasMessageContaining("PKIX");
    }

    @Test
    void aBrokerCertificateForAnotherHostFailsFastWithAnAuthenticationError() throws Exception {
        AuthenticationException error = assertFailsFastWithoutReconnecting(misnamed.bootstrapServers(),
                SecurityConfiguration.ssl(trusting(otherName).build()));

        assertThat(error).hasMessageContaining("TLS handshake").hasMessageContaining("127.0.0.1");
    }

    @Test
    void aClientWithoutTheRequiredCertificateFailsFastWithAnAuthenticationError() throws Exception {
        AuthenticationException error = assertFailsFastWithoutReconnecting(mutualTls.bootstrapServers(),
                SecurityConfiguration.ssl(trusting(certificates).build()));

        assertThat(error).hasMessageContaining("TLS");
    }

    @Test
    void aMissingTrustStoreFailsTheConfigurationNamingTheOptionButNotThePassword() {
        assertThatThrownBy(() -> TlsSettings.builder().trustStore(directory.resolve("nope.p12"), StoreType.PKCS12,
                "secret-password").build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("security.tls.trustStore").hasMessageNotContaining("secret-password");
    }
}
