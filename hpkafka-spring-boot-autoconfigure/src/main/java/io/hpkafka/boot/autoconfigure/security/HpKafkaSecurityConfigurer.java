package io.hpkafka.boot.autoconfigure.security;

import java.util.function.Supplier;

import io.hpkafka.boot.autoconfigure.HpKafkaConfigurationCustomizer;
import io.hpkafka.boot.autoconfigure.HpKafkaSecurityProperties;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.InvalidConfigurationException;
import io.hpkafka.config.OAuthBearerTokenProvider;
import io.hpkafka.config.SaslMechanism;
import io.hpkafka.config.SaslSettings;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.config.SecurityProtocol;
import io.hpkafka.config.TlsSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.Ordered;

/**
 * Applies {@code hpkafka.security.*} to the configuration builder: the protocol, the SSL bundle's
 * {@link javax.net.ssl.SSLContext} and options (enabled protocols, ciphers) with the hostname verification setting,
 * and the SASL credentials. Runs before
 * every other customizer, so an application's customizer can still replace the result. An invalid or missing value
 * fails start-up naming the {@code hpkafka.security.*} property (never showing the password).
 */
public final class HpKafkaSecurityConfigurer implements HpKafkaConfigurationCustomizer, Ordered {

    private final HpKafkaSecurityProperties properties;

    private final Supplier<@Nullable SslBundles> sslBundles;

    private final Supplier<@Nullable OAuthBearerTokenProvider> tokenProvider;

    /**
     * @param properties the bound {@code hpkafka.security.*} properties
     * @param sslBundles the application's SSL bundles, or null when Spring Boot's SSL support is not configured
     * @param tokenProvider the application's OAUTHBEARER token provider, or null
     */
    public HpKafkaSecurityConfigurer(HpKafkaSecurityProperties properties, Supplier<@Nullable SslBundles> sslBundles,
            Supplier<@Nullable OAuthBearerTokenProvider> tokenProvider) {
        this.properties = properties;
        this.sslBundles = sslBundles;
        this.tokenProvider = tokenProvider;
    }

    @Override
    public void customize(Configuration.Builder builder) {
        builder.security(securityConfiguration());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * @return the core's security configuration for the bound properties
     * @throws InvalidConfigurationPropertyValueException naming the property that is missing or invalid
     */
    public SecurityConfiguration securityConfiguration() {
        SecurityProtocol protocol = this.properties.getProtocol();
        TlsSettings tls = protocol.usesTls() ? tls() : null;
        SaslSettings sasl = protocol.usesSasl() ? sasl() : null;
        return SecurityConfiguration.of(protocol, tls, sasl);
    }

    private TlsSettings tls() {
        HpKafkaSecurityProperties.Ssl ssl = this.properties.getSsl();
        TlsSettings.Builder builder = TlsSettings.builder().hostnameVerification(ssl.isHostnameVerification());
        String bundleName = ssl.getBundle();
        if (bundleName != null && !bundleName.isBlank()) {
            SslBundles bundles = this.sslBundles.get();
            if (bundles == null) {
                throw new InvalidConfigurationPropertyValueException("hpkafka.security.ssl.bundle", bundleName,
                        "no SSL bundles are configured (spring.ssl.bundle.*)");
            }
            try {
                SslBundle bundle = bundles.getBundle(bundleName);
                builder.sslContext(bundle.createSslContext())
                    .enabledProtocols(bundle.getOptions().getEnabledProtocols())
                    .cipherSuites(bundle.getOptions().getCiphers());
            }
            catch (NoSuchSslBundleException ex) {
                throw new InvalidConfigurationPropertyValueException("hpkafka.security.ssl.bundle", bundleName,
                        "no SSL bundle of that name in spring.ssl.bundle.*");
            }
        }
        return builder.build();
    }

    private SaslSettings sasl() {
        HpKafkaSecurityProperties.Sasl sasl = this.properties.getSasl();
        if (sasl.getMechanism() == SaslMechanism.OAUTHBEARER) {
            OAuthBearerTokenProvider provider = this.tokenProvider.get();
            if (provider == null) {
                throw new InvalidConfigurationPropertyValueException("hpkafka.security.sasl.mechanism",
                        SaslMechanism.OAUTHBEARER, "needs a bean of type " + OAuthBearerTokenProvider.class.getName());
            }
            return SaslSettings.oauthBearer(provider);
        }
        try {
            return SaslSettings.of(sasl.getMechanism(), sasl.getUsername(), sasl.getPassword());
        }
        catch (InvalidConfigurationException ex) {
            String property = switch (ex.option()) {
                case "security.sasl.username" -> "hpkafka.security.sasl.username";
                case "security.sasl.password" -> "hpkafka.security.sasl.password";
                default -> "hpkafka.security.sasl.mechanism";
            };
            // The value is shown for the user name only: a password never enters an exception message.
            Object shown = property.endsWith("password") ? null
                    : property.endsWith("username") ? sasl.getUsername() : sasl.getMechanism();
            throw new InvalidConfigurationPropertyValueException(property, shown,
                    ex.reason() + " with hpkafka.security.protocol=" + this.properties.getProtocol());
        }
    }

}
