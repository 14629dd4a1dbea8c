package io.hpkafka.boot.autoconfigure.testcontainers;

import org.junit.jupiter.api.Test;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The connection-details factories are registered where Spring Boot looks for them, and load; without Testcontainers
 * on the classpath they are skipped. No Docker needed.
 */
class ConnectionDetailsFactoryRegistrationTests {

    @Test
    void bothKafkaContainerFactoriesAreRegisteredInSpringFactories() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class))
            .hasAtLeastOneElementOfType(KafkaContainerConnectionDetailsFactory.class)
            .hasAtLeastOneElementOfType(ConfluentKafkaContainerConnectionDetailsFactory.class);
    }

    @Test
    void withoutTestcontainersTheFactoriesAreSkippedAndTheClientStillStarts() {
        FilteredClassLoader withoutTestcontainers = new FilteredClassLoader("org.testcontainers",
                "org.springframework.boot.testcontainers");
        // What Spring Boot does for every @ServiceConnection source: our factories must not break it.
        assertThatNoException().isThrownBy(() -> new ConnectionDetailsFactories(withoutTestcontainers)
            .getConnectionDetails(new Object(), false));
        new ApplicationContextRunner().withClassLoader(withoutTestcontainers)
            .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
            .withPropertyValues("hpkafka.seeds=127.0.0.1:9")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ClusterClient.class));
    }

}
