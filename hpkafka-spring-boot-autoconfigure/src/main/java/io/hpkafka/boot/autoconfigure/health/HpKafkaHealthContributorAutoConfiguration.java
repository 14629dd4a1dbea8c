package io.hpkafka.boot.autoconfigure.health;

import java.time.Duration;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link HpKafkaHealthIndicator} (shown as {@code hpkafka} in the health endpoint) when Spring Boot's
 * health support is on the classpath (it comes with Actuator) and a {@link ClusterClient} bean exists. Switched off
 * with {@code management.health.hpkafka.enabled=false}; tuned with {@code hpkafka.health.*}.
 */
@AutoConfiguration(after = HpKafkaAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ClusterClient.class })
@ConditionalOnBean(ClusterClient.class)
@EnableConfigurationProperties(HpKafkaHealthProperties.class)
public final class HpKafkaHealthContributorAutoConfiguration {

    // On the method, not the class: Spring instantiates a class's conditions before @ConditionalOnClass can skip it,
    // and this one's class is in spring-boot-health.
    @Bean
    @ConditionalOnEnabledHealthIndicator("hpkafka")
    @ConditionalOnMissingBean(name = "hpkafkaHealthIndicator")
    HpKafkaHealthIndicator hpkafkaHealthIndicator(ClusterClient clusterClient,
            ObjectProvider<HpKafkaListenerEndpointRegistry> registry, HpKafkaHealthProperties properties) {
        Duration responseTimeout = properties.getResponseTimeout();
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new InvalidConfigurationPropertyValueException("hpkafka.health.response-timeout", responseTimeout,
                    "must be positive");
        }
        if (properties.getProbeTimeout().isNegative()) {
            throw new InvalidConfigurationPropertyValueException("hpkafka.health.probe-timeout",
                    properties.getProbeTimeout(), "must not be negative");
        }
        return new HpKafkaHealthIndicator(clusterClient, registry.getIfAvailable(), responseTimeout,
                properties.getProbeTimeout());
    }

}
