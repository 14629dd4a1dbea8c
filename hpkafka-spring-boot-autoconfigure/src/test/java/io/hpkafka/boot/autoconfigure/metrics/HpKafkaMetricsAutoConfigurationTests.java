package io.hpkafka.boot.autoconfigure.metrics;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.listener.ListenerObserver;
import io.hpkafka.config.Configuration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The conditions of {@link HpKafkaMetricsAutoConfiguration}, without a broker (a client connects on first use). */
class HpKafkaMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class, HpKafkaMetricsAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=localhost:9092");

    @Test
    void withAMeterRegistryTheClientGetsMicrometerHooksAndListenersATimer() {
        this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
            assertThat(context).hasSingleBean(HpKafkaMetrics.class);
            assertThat(context.getBean(Configuration.class).hooks()).singleElement()
                .isInstanceOf(MicrometerClientHooks.class);
            assertThat(context).hasSingleBean(MicrometerListenerObserver.class);
            assertThat(context.getBeanProvider(ListenerObserver.class).orderedStream()).hasSize(1);
        });
    }

    @Test
    void withoutAMeterRegistryOnlyTheStatisticsBinderIsDefined() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(HpKafkaMetrics.class);
            assertThat(context.getBean(Configuration.class).hooks()).isEmpty();
            assertThat(context).doesNotHaveBean(ListenerObserver.class);
        });
    }

    @Test
    void withoutMicrometerTheClientAndItsListenersStillStart() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer")).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ClusterClient.class);
            assertThat(context).doesNotHaveBean(HpKafkaMetrics.class);
            assertThat(context.getBean(Configuration.class).hooks()).isEmpty();
            assertThat(context).doesNotHaveBean(ListenerObserver.class);
        });
    }

    @Test
    void aListenerObserverOfTheApplicationReplacesTheTimer() {
        MicrometerListenerObserver own = new MicrometerListenerObserver(new SimpleMeterRegistry());
        this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean("ownObserver", MicrometerListenerObserver.class, () -> own)
            .run((context) -> assertThat(context.getBean(MicrometerListenerObserver.class)).isSameAs(own));
    }

}
