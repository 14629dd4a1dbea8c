package io.hpkafka.security;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.config.Compatibility;
import io.hpkafka.config.OAuthBearerToken;
import io.hpkafka.config.OAuthBearerTokenProvider;
import io.hpkafka.config.SaslSettings;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.internal.network.BrokerConnection;
import io.hpkafka.internal.network.ConnectionSettings;
import io.hpkafka.internal.network.IoLoop;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.proxy.CountingProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hpkafka.security.SecurityTestSupport.assertFailsFastWithoutReconnecting;
import static io.hpkafka.security.SecurityTestSupport.assertProducesAndConsumes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SASL OAUTHBEARER against a real broker that validates unsecured JWTs (Kafka's default validator when no JWKS
 * endpoint is configured) and limits sessions to the token's lifetime (connections.max.reauth.ms set, KIP-368).
 */
class OAuthBearerTest {

    private static final String JAAS = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
            + " unsecuredLoginStringClaim_sub=\"admin\";";

    static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaCluster.builder().securedListener("SASL_PLAINTEXT")
                .brokerProperty("listener.name.secured.sasl.enabled.mechanisms", "OAUTHBEARER")
                .brokerProperty("listener.name.secured.oauthbearer.sasl.jaas.config", JAAS)
                .brokerProperty("connections.max.reauth.ms", "60000")
                .build().start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** An unsecured JWT ({@code alg: none}), what Kafka's default validator accepts. */
    private static OAuthBearerToken unsecuredJwt(String subject, Instant expiresAt) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String claims = String.format("{\"sub\":\"%s\",\"iat\":%.3f,\"exp\":%.3f}", subject,
                Instant.now().toEpochMilli() / 1000.0, expiresAt.toEpochMilli() / 1000.0);
        return new OAuthBearerToken(header + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + ".", expiresAt);
    }

    @Test
    void recordsAreProducedAndConsumedWithABearerToken() throws Exception {
        assertProducesAndConsumes(kafka, "oauthbearer", SecurityConfiguration.saslPlaintext(SaslSettings.oauthBearer(
                () -> unsecuredJwt("alice", Instant.now().plus(Duration.ofMinutes(10))))));
    }

    @Test
    void anExpiredTokenFailsFastWithAnAuthenticationError() throws Exception {
        AuthenticationException error = assertFailsFastWithoutReconnecting(kafka.bootstrapServers(),
                SecurityConfiguration.saslPlaintext(SaslSettings.oauthBearer(
                        () -> unsecuredJwt("alice", Instant.now().minus(Duration.ofMinutes(1))))));

        assertThat(error).hasMessageContaining("OAUTHBEARER").hasMessageContaining("SASL_AUTHENTICATION_FAILED");
    }

    @Test
    void theSessionIsRenewedWithAFreshTokenBeforeEachTokenExpires() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        OAuthBearerTokenProvider shortLived = () -> {
            issued.incrementAndGet();
            return unsecuredJwt("alice", Instant.now().plus(Duration.ofSeconds(2)));
        };
        ConnectionSettings settings = new ConnectionSettings("oauthbearer-test", 5, 10_000, 64 * 1024, 64 * 1024,
                16 * 1024 * 1024, ForkJoinPool.commonPool(), Compatibility.NEGOTIATE,
                SecurityConfiguration.saslPlaintext(SaslSettings.oauthBearer(shortLived)));
        try (CountingProxy proxy = CountingProxy.start(kafka.bootstrapServers());
             IoLoop loop = new IoLoop("oauthbearer-test-io")) {
            BrokerConnection connection = new BrokerConnection(-1, new BrokerAddress("127.0.0.1", proxy.port()),
                    loop, settings);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (System.nanoTime() < end) {
                // Once a token has expired, a request on its session would make the broker close the connection.
                assertThat(connection.send(new MetadataRequest(List.of(), false)).get(10, TimeUnit.SECONDS)
                        .brokers()).isNotEmpty();
                Thread.sleep(100);
            }
            connection.close();
            assertThat(issued.get()).as("tokens issued").isGreaterThanOrEqualTo(3);
            assertThat(proxy.acceptedConnections()).as("connections opened").isEqualTo(1);
        }
    }
}
