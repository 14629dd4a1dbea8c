package io.hpkafka.boot.autoconfigure.metrics;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Exposes the {@link ClusterClient}'s statistics as Micrometer meters when Micrometer is on the classpath; Spring
 * Boot binds the {@link MeterBinder} to every registry it configures.
 */
@AutoConfiguration(after = HpKafkaAutoConfiguration.class)
@ConditionalOnClass({ MeterBinder.class, ClusterClient.class })
@ConditionalOnBean(ClusterClient.class)
public final class HpKafkaMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HpKafkaMetrics hpKafkaMetrics(ClusterClient clusterClient) {
        return new HpKafkaMetrics(clusterClient);
    }

}
