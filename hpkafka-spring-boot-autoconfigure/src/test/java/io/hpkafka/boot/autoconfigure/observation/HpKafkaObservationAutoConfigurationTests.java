package io.hpkafka.boot.autoconfigure.observation;

import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerProperties;
import io.hpkafka.config.Configuration;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The conditions of {@link HpKafkaObservationAutoConfiguration}, without a broker. */
class HpKafkaObservationAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(HpKafkaAutoConfiguration.class, HpKafkaObservationAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=localhost:9092");

    @Test
    void producedRecordsAreNotObservedByDefault() {
        this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create).run((context) -> {
            assertThat(context.getBean(Configuration.class).produceInterceptor()).isNull();
            assertThat(context.getBean(HpKafkaListenerProperties.class).isObservationEnabled()).isFalse();
            assertThat(context.getBean(ObservationListenerObserver.class)
                .isEnabledFor("any", context.getBean(HpKafkaListenerProperties.class))).isFalse();
        });
    }

    @Test
    void theEnableFlagsTurnObservationOnForProducerAndListeners() {
        this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create)
            .withPropertyValues("hpkafka.producer.observation-enabled=true", "hpkafka.listener.observation-enabled=true")
            .run((context) -> {
                assertThat(context.getBean(Configuration.class).produceInterceptor())
                    .isInstanceOf(ObservationProduceInterceptor.class);
                assertThat(context.getBean(ObservationListenerObserver.class)
                    .isEnabledFor("any", context.getBean(HpKafkaListenerProperties.class))).isTrue();
            });
    }

    @Test
    void withoutAnObservationRegistryNothingIsObserved() {
        this.contextRunner.withPropertyValues("hpkafka.producer.observation-enabled=true").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Configuration.class).produceInterceptor()).isNull();
            assertThat(context).doesNotHaveBean(ObservationListenerObserver.class);
        });
    }

    @Test
    void withoutMicrometerObservationOnTheClassPathTheClientStillStarts() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
            .withPropertyValues("hpkafka.producer.observation-enabled=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Configuration.class).produceInterceptor()).isNull();
                assertThat(context).doesNotHaveBean(ObservationListenerObserver.class);
            });
    }

}
