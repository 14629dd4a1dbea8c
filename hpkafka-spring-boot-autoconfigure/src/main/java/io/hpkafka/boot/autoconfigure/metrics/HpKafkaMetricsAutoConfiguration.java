package io.hpkafka.boot.autoconfigure.metrics;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.HpKafkaConfigurationCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Exposes the {@link ClusterClient}'s statistics as Micrometer meters when Micrometer is on the classpath (Spring
 * Boot binds the {@link MeterBinder} to every registry it configures); with a {@link MeterRegistry} bean, also
 * installs {@link MicrometerClientHooks} in the client's configuration (meters per topic, API and partition) and
 * times every {@code @HpKafkaListener} invocation with a {@link MicrometerListenerObserver}.
 */
@AutoConfiguration(after = HpKafkaAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterBinder.class, ClusterClient.class })
@ConditionalOnBean(ClusterClient.class)
public final class HpKafkaMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HpKafkaMetrics hpKafkaMetrics(ClusterClient clusterClient) {
        return new HpKafkaMetrics(clusterClient);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(MeterRegistry.class)
    static class RegistryMetricsConfiguration {

        // Applied when the configuration bean is built, whichever auto-configuration is processed first.
        @Bean
        HpKafkaConfigurationCustomizer hpKafkaMicrometerHooks(MeterRegistry registry) {
            return (builder) -> builder.addHooks(new MicrometerClientHooks(registry));
        }

        @Bean
        @ConditionalOnMissingBean
        MicrometerListenerObserver hpKafkaMicrometerListenerObserver(MeterRegistry registry) {
            return new MicrometerListenerObserver(registry);
        }

    }

}
