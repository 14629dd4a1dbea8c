package io.hpkafka.boot.autoconfigure.testcontainers;

import io.hpkafka.boot.autoconfigure.HpKafkaConnectionDetails;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Makes {@link HpKafkaConnectionDetails} of an Apache Kafka {@link KafkaContainer} ({@code apache/kafka},
 * {@code apache/kafka-native}) annotated with {@code @ServiceConnection}: its bootstrap servers become the seeds.
 * Registered in {@code META-INF/spring.factories}.
 */
class KafkaContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<KafkaContainer, HpKafkaConnectionDetails> {

    @Override
    protected HpKafkaConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<KafkaContainer> source) {
        return new KafkaContainerConnectionDetails(source);
    }

    /**
     * The container's bootstrap servers, read once it has started.
     */
    static final class KafkaContainerConnectionDetails extends ContainerConnectionDetails<KafkaContainer>
            implements HpKafkaConnectionDetails {

        private KafkaContainerConnectionDetails(ContainerConnectionSource<KafkaContainer> source) {
            super(source);
        }

        @Override
        public String getSeeds() {
            return getContainer().getBootstrapServers();
        }

    }

}
