package io.hpkafka.boot.autoconfigure.testcontainers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection-details factories are registered where Spring Boot looks for them, and load; no Docker needed.
 */
class ConnectionDetailsFactoryRegistrationTests {

    @Test
    void bothKafkaContainerFactoriesAreRegisteredInSpringFactories() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class))
            .hasAtLeastOneElementOfType(KafkaContainerConnectionDetailsFactory.class)
            .hasAtLeastOneElementOfType(ConfluentKafkaContainerConnectionDetailsFactory.class);
    }

}
