package io.hpkafka.boot.autoconfigure.security;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.HpKafkaProperties;
import io.hpkafka.config.OAuthBearerTokenProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@code hpkafka.security.*}: contributes the {@link HpKafkaSecurityConfigurer} that the
 * client's configuration applies first, with TLS material from Spring Boot's SSL bundles and, for OAUTHBEARER, the
 * application's {@link OAuthBearerTokenProvider} bean.
 */
@AutoConfiguration(before = HpKafkaAutoConfiguration.class, after = SslAutoConfiguration.class)
@ConditionalOnClass(ClusterClient.class)
@EnableConfigurationProperties(HpKafkaProperties.class)
public final class HpKafkaSecurityAutoConfiguration {

    private static final String PASSWORD_PROPERTY = "hpkafka.security.sasl.password";

    @Bean
    @ConditionalOnMissingBean
    HpKafkaSecurityConfigurer hpKafkaSecurityConfigurer(HpKafkaProperties properties,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<OAuthBearerTokenProvider> tokenProvider) {
        return new HpKafkaSecurityConfigurer(properties.getSecurity(), sslBundles::getIfAvailable,
                tokenProvider::getIfUnique);
    }

    /**
     * Masks the SASL password in Actuator's configprops and env endpoints even where their values are shown
     * ({@code management.endpoint.*.show-values=always}).
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SanitizingFunction.class)
    static class ActuatorSanitizing {

        @Bean
        @ConditionalOnMissingBean(name = "hpKafkaPasswordSanitizer")
        SanitizingFunction hpKafkaPasswordSanitizer() {
            return SanitizingFunction.sanitizeValue().ifKeyEquals(PASSWORD_PROPERTY, "sasl.password");
        }

    }

}
