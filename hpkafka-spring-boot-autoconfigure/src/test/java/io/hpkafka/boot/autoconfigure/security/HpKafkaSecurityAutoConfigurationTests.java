package io.hpkafka.boot.autoconfigure.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.OAuthBearerToken;
import io.hpkafka.config.OAuthBearerTokenProvider;
import io.hpkafka.config.SaslMechanism;
import io.hpkafka.config.SecurityProtocol;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code hpkafka.security.*}: an SSL bundle against a broker that requires mutual TLS, SASL credentials, the
 * password kept out of Actuator, and start-up failures that name the property.
 */
class HpKafkaSecurityAutoConfigurationTests {

    private static final String UNREACHABLE_SEEDS = "127.0.0.1:9";

    @TempDir
    static Path directory;

    static TestCertificates certificates;

    static EmbeddedKafkaCluster kafka;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HpKafkaSecurityAutoConfiguration.class,
                HpKafkaAutoConfiguration.class));

    @BeforeAll
    static void startBroker() {
        certificates = TestCertificates.create(directory);
        kafka = EmbeddedKafkaCluster.builder()
            .securedListener("SSL")
            .brokerProperties(certificates.brokerProperties(true))
            .build()
            .start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void anSslBundleGivesTheClientItsTrustAndKeyForMutualTls() {
        kafka.createTopic("over-ssl-bundle", 1, 1);
        String password = certificates.password();
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.security.protocol=SSL",
                    "hpkafka.security.ssl.bundle=kafka",
                    "spring.ssl.bundle.jks.kafka.truststore.location=file:" + certificates.trustStore(),
                    "spring.ssl.bundle.jks.kafka.truststore.type=PKCS12",
                    "spring.ssl.bundle.jks.kafka.truststore.password=" + password,
                    "spring.ssl.bundle.jks.kafka.keystore.location=file:" + certificates.clientKeyStore(),
                    "spring.ssl.bundle.jks.kafka.keystore.type=PKCS12",
                    "spring.ssl.bundle.jks.kafka.keystore.password=" + password,
                    "spring.ssl.bundle.jks.kafka.options.enabled-protocols=TLSv1.3")
            .run((context) -> {
                assertThat(context.getBean(Configuration.class).security().protocol())
                    .isEqualTo(SecurityProtocol.SSL);
                assertThat(context.getBean(Configuration.class).security().tls().enabledProtocols())
                    .containsExactly("TLSv1.3");
                ClusterClient client = context.getBean(ClusterClient.class);
                byte[] value = "bundled".getBytes(StandardCharsets.UTF_8);
                client.send(new ProducerRecord("over-ssl-bundle", 0, null, value, List.of(),
                        ProducerRecord.NO_TIMESTAMP)).get(60, TimeUnit.SECONDS);
                List<byte[]> received = new CopyOnWriteArrayList<>();
                client.onMessageReceived((r) -> received.add(r.value()));
                client.consumeFromEarliest("over-ssl-bundle", 0);
                await().atMost(60, TimeUnit.SECONDS).until(() -> !received.isEmpty());
                assertThat(received.get(0)).isEqualTo(value);
            });
    }

    @Test
    void saslPropertiesBecomeTheClientsCredentials() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + UNREACHABLE_SEEDS, "hpkafka.security.protocol=SASL_PLAINTEXT",
                    "hpkafka.security.sasl.mechanism=PLAIN", "hpkafka.security.sasl.username=alice",
                    "hpkafka.security.sasl.password=alice-s3cret")
            .run((context) -> {
                Configuration configuration = context.getBean(Configuration.class);
                assertThat(configuration.security().sasl().mechanism()).isEqualTo(SaslMechanism.PLAIN);
                assertThat(configuration.security().sasl().username()).isEqualTo("alice");
                assertThat(configuration.security().sasl().password()).isEqualTo("alice-s3cret");
                assertThat(configuration.security().toString()).doesNotContain("alice-s3cret");
            });
    }

    @Test
    void oauthBearerTakesTheApplicationsTokenProviderBean() {
        OAuthBearerTokenProvider provider = () -> new OAuthBearerToken("token", Instant.now());
        this.contextRunner
            .withBean(OAuthBearerTokenProvider.class, () -> provider)
            .withPropertyValues("hpkafka.seeds=" + UNREACHABLE_SEEDS, "hpkafka.security.protocol=SASL_SSL",
                    "hpkafka.security.sasl.mechanism=OAUTHBEARER")
            .run((context) -> assertThat(context.getBean(Configuration.class).security().sasl().tokenProvider())
                .isSameAs(provider));
    }

    @Test
    void oauthBearerWithoutATokenProviderFailsStartUpNamingTheProperty() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + UNREACHABLE_SEEDS, "hpkafka.security.protocol=SASL_SSL",
                    "hpkafka.security.sasl.mechanism=OAUTHBEARER")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hpkafka.security.sasl.mechanism")
                .hasMessageContaining("OAuthBearerTokenProvider"));
    }

    @Test
    void theSaslPasswordIsMaskedInConfigpropsEvenWhenValuesAreShown() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + UNREACHABLE_SEEDS, "hpkafka.security.protocol=SASL_PLAINTEXT",
                    "hpkafka.security.sasl.username=alice", "hpkafka.security.sasl.password=alice-s3cret")
            .run((context) -> {
                ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
                        context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
                endpoint.setApplicationContext(context);
                String report = endpoint.configurationPropertiesWithPrefix("hpkafka").getContexts().values()
                    .stream()
                    .flatMap((c) -> c.getBeans().values().stream())
                    .map((bean) -> String.valueOf(bean.getProperties()))
                    .reduce("", String::concat);
                assertThat(report).contains("alice").contains("******").doesNotContain("alice-s3cret");
            });
    }

    @Test
    void aSaslProtocolWithoutAUserNameFailsStartUpNamingTheProperty() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + UNREACHABLE_SEEDS, "hpkafka.security.protocol=SASL_SSL",
                    "hpkafka.security.sasl.password=alice-s3cret")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hpkafka.security.sasl.username")
                .hasMessageNotContaining("alice-s3cret"));
    }

    @Test
    void anUnknownSslBundleFailsStartUpNamingTheProperty() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + UNREACHABLE_SEEDS, "hpkafka.security.protocol=SSL",
                    "hpkafka.security.ssl.bundle=missing")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hpkafka.security.ssl.bundle"));
    }

}
