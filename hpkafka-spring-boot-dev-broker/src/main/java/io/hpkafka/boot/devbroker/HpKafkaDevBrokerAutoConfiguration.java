package io.hpkafka.boot.devbroker;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.HpKafkaConnectionDetails;
import io.hpkafka.boot.autoconfigure.HpKafkaDevBrokerProperties;
import io.hpkafka.test.EmbeddedKafkaCluster;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts a real single-node Kafka broker (KRaft, {@link EmbeddedKafkaCluster}) inside the application when
 * {@code hpkafka.seeds} is not set, no other {@link HpKafkaConnectionDetails} exists (Testcontainers'
 * {@code @ServiceConnection}, the application's own) and {@code hpkafka.dev-broker.enabled} is not false; the
 * client's connection details name it, so {@link HpKafkaAutoConfiguration}'s properties-based ones back off.
 * <p>
 * For development and demos only: the broker listens on 127.0.0.1 at a free port and keeps its data in a temporary
 * directory deleted when the application stops. The client depends on the connection details, which depend on the
 * broker, so the client is closed (and flushed) before the broker stops.
 */
@AutoConfiguration(before = HpKafkaAutoConfiguration.class)
@ConditionalOnClass({ EmbeddedKafkaCluster.class, ClusterClient.class })
@ConditionalOnBooleanProperty(name = "hpkafka.dev-broker.enabled", matchIfMissing = true)
@Conditional(OnNoSeedsCondition.class)
@ConditionalOnMissingBean(HpKafkaConnectionDetails.class)
@EnableConfigurationProperties(HpKafkaDevBrokerProperties.class)
public final class HpKafkaDevBrokerAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HpKafkaDevBrokerAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedKafkaCluster hpKafkaDevBroker(HpKafkaDevBrokerProperties properties) {
        if (properties.getPartitions() < 1) {
            throw new InvalidConfigurationPropertyValueException("hpkafka.dev-broker.partitions",
                    properties.getPartitions(), "must be at least 1");
        }
        EmbeddedKafkaCluster broker = EmbeddedKafkaCluster.builder().brokers(1).build().start();
        try {
            for (String topic : properties.getTopics()) {
                broker.createTopic(topic, properties.getPartitions(), 1);
            }
        }
        catch (RuntimeException ex) {
            broker.close(); // not a bean yet, so Spring would not close it
            throw ex;
        }
        log.info("No hpkafka.seeds set: started a development Kafka {} broker (single node, KRaft) in this JVM at {}"
                + "{}; its data is deleted when the application stops. Set hpkafka.seeds to use a cluster of yours, "
                + "or hpkafka.dev-broker.enabled=false to turn this off.", AppInfoParser.getVersion(),
                broker.bootstrapServers(), properties.getTopics().isEmpty() ? ""
                        : " with topics " + properties.getTopics() + " (" + properties.getPartitions() + " partitions)");
        return broker;
    }

    @Bean
    HpKafkaConnectionDetails hpKafkaDevBrokerConnectionDetails(EmbeddedKafkaCluster hpKafkaDevBroker) {
        String seeds = hpKafkaDevBroker.bootstrapServers();
        return () -> seeds;
    }

}
