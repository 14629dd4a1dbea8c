package io.hpkafka.samples.orders;

import io.hpkafka.boot.autoconfigure.HpKafkaConnectionDetails;
import io.hpkafka.test.EmbeddedKafkaCluster;

import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * When no {@code hpkafka.seeds} is configured: a real single-broker Kafka cluster (KRaft) inside this JVM, with the
 * sample's topic and its dead-letter topic created, and its address handed to the auto-configuration as
 * {@link HpKafkaConnectionDetails}. The client depends on the connection details, which depend on the cluster, so the
 * client is closed (and flushed) before the broker stops.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedKafkaConfiguration.NoSeedsCondition.class)
class EmbeddedKafkaConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedKafkaCluster embeddedKafkaCluster(SampleProperties sample) {
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().brokers(1).build().start();
        try {
            cluster.createTopic(sample.getTopic(), sample.getPartitions(), 1);
            // As many partitions as the topic: a dead letter goes to its record's partition number.
            cluster.createTopic(sample.getDeadLetterTopic(), sample.getPartitions(), 1);
        }
        catch (RuntimeException ex) {
            cluster.close(); // the bean does not exist yet, so Spring would not close it
            throw ex;
        }
        return cluster;
    }

    @Bean
    HpKafkaConnectionDetails embeddedKafkaConnectionDetails(EmbeddedKafkaCluster cluster) {
        String seeds = cluster.bootstrapServers();
        LoggerFactory.getLogger(EmbeddedKafkaConfiguration.class)
            .info("No hpkafka.seeds set: using an embedded single-broker Kafka cluster at {}", seeds);
        return () -> seeds;
    }

    /**
     * Matches when {@code hpkafka.seeds} is not set at all. A blank value is left to the auto-configuration, which
     * refuses it naming the property: a typo must not silently start an embedded broker.
     */
    static class NoSeedsCondition implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("hpkafka.seeds");
        }

    }

}
