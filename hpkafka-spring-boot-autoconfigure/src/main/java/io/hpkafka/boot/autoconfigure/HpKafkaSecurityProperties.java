package io.hpkafka.boot.autoconfigure;

import io.hpkafka.config.SaslMechanism;
import io.hpkafka.config.SecurityProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Security properties ({@code hpkafka.security.*}), nested in {@link HpKafkaProperties} (and in its package, so that
 * Actuator's configprops reports them). TLS key and trust material come from a Spring Boot SSL bundle
 * ({@code spring.ssl.bundle.*}) named by {@code hpkafka.security.ssl.bundle}; see
 * {@link io.hpkafka.boot.autoconfigure.security.HpKafkaSecurityConfigurer}.
 */
public class HpKafkaSecurityProperties {

    /**
     * Protocol of the brokers' listener: PLAINTEXT, SSL (TLS), SASL_PLAINTEXT or SASL_SSL (SASL over TLS).
     */
    private SecurityProtocol protocol = SecurityProtocol.PLAINTEXT;

    private final Ssl ssl = new Ssl();

    private final Sasl sasl = new Sasl();

    public SecurityProtocol getProtocol() {
        return this.protocol;
    }

    public void setProtocol(SecurityProtocol protocol) {
        this.protocol = protocol;
    }

    public Ssl getSsl() {
        return this.ssl;
    }

    public Sasl getSasl() {
        return this.sasl;
    }

    /**
     * TLS properties ({@code hpkafka.security.ssl.*}), used with protocol SSL or SASL_SSL.
     */
    public static class Ssl {

        /**
         * Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) with the trust store and, for mutual TLS, the
         * client key; unset means the JDK's default trust store and no client certificate.
         */
        private @Nullable String bundle;

        /**
         * Whether the broker's certificate must name the host the client connects to.
         */
        private boolean hostnameVerification = true;

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

        public boolean isHostnameVerification() {
            return this.hostnameVerification;
        }

        public void setHostnameVerification(boolean hostnameVerification) {
            this.hostnameVerification = hostnameVerification;
        }

    }

    /**
     * SASL properties ({@code hpkafka.security.sasl.*}), used with protocol SASL_PLAINTEXT or SASL_SSL.
     */
    public static class Sasl {

        /**
         * SASL mechanism: PLAIN, SCRAM_SHA_256, SCRAM_SHA_512, or OAUTHBEARER with an OAuthBearerTokenProvider bean.
         */
        private SaslMechanism mechanism = SaslMechanism.SCRAM_SHA_512;

        /**
         * SASL user name; required with a SASL protocol and a mechanism other than OAUTHBEARER.
         */
        private @Nullable String username;

        /**
         * SASL password; required with a SASL protocol and a mechanism other than OAUTHBEARER, masked in Actuator.
         */
        private @Nullable String password;

        public SaslMechanism getMechanism() {
            return this.mechanism;
        }

        public void setMechanism(SaslMechanism mechanism) {
            this.mechanism = mechanism;
        }

        public @Nullable String getUsername() {
            return this.username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        @Override
        public String toString() {
            return "Sasl{mechanism=" + this.mechanism + ", username=" + this.username + ", password="
                    + (this.password == null ? "null" : "******") + "}";
        }

    }

}
