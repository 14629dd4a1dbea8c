package io.hpkafka.boot.autoconfigure.observation;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.HpKafkaConfigurationCustomizer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer Observation of hpkafka when the application has an {@link ObservationRegistry}: produced records are
 * observed (and carry the trace context) with {@code hpkafka.producer.observation-enabled=true}; record listeners
 * with {@code hpkafka.listener.observation-enabled=true}, or that override in their annotation's properties. Both
 * are off by default, as Spring Boot's {@code spring.kafka.template.observation-enabled} and
 * {@code spring.kafka.listener.observation-enabled} are.
 */
@AutoConfiguration(after = HpKafkaAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, ClusterClient.class })
@ConditionalOnBean(ObservationRegistry.class)
public final class HpKafkaObservationAutoConfiguration {

    // Sets the client's one produce interceptor: a customizer ordered after this one may replace it.
    @Bean
    @ConditionalOnProperty(name = "hpkafka.producer.observation-enabled", havingValue = "true")
    HpKafkaConfigurationCustomizer hpKafkaProducerObservation(ObservationRegistry registry) {
        return (builder) -> builder.produceInterceptor(new ObservationProduceInterceptor(registry));
    }

    @Bean
    @ConditionalOnMissingBean
    ObservationListenerObserver hpKafkaListenerObservation(ObservationRegistry registry) {
        return new ObservationListenerObserver(registry);
    }

}
