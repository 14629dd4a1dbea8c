package io.hpkafka.boot.autoconfigure.testcontainers;

import io.hpkafka.boot.autoconfigure.HpKafkaConnectionDetails;
import org.testcontainers.kafka.ConfluentKafkaContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Makes {@link HpKafkaConnectionDetails} of a {@link ConfluentKafkaContainer} ({@code confluentinc/cp-kafka})
 * annotated with {@code @ServiceConnection}: its bootstrap servers become the seeds. Registered in
 * {@code META-INF/spring.factories}.
 */
class ConfluentKafkaContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<ConfluentKafkaContainer, HpKafkaConnectionDetails> {

    @Override
    protected HpKafkaConnectionDetails getContainerConnectionDetails(
            ContainerConnectionSource<ConfluentKafkaContainer> source) {
        return new ConfluentKafkaContainerConnectionDetails(source);
    }

    /**
     * The container's bootstrap servers, read once it has started.
     */
    static final class ConfluentKafkaContainerConnectionDetails
            extends ContainerConnectionDetails<ConfluentKafkaContainer> implements HpKafkaConnectionDetails {

        private ConfluentKafkaContainerConnectionDetails(ContainerConnectionSource<ConfluentKafkaContainer> source) {
            super(source);
        }

        @Override
        public String getSeeds() {
            return getContainer().getBootstrapServers();
        }

    }

}
