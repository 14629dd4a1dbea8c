package io.hpkafka.config;

import io.hpkafka.producer.ProduceInterceptor;
import io.hpkafka.stats.ClientHooks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The hooks and produce interceptor options of {@link Configuration}. */
class ConfigurationHooksTest {

    private final ClientHooks first = new ClientHooks() {
    };

    private final ClientHooks second = new ClientHooks() {
    };

    @Test
    void noHooksAndNoInterceptorByDefault() {
        Configuration config = Configuration.builder().seeds("localhost:9092").build();
        assertThat(config.hooks()).isEmpty();
        assertThat(config.produceInterceptor()).isNull();
    }

    @Test
    void addedHooksKeepTheirOrderAndSurviveToBuilder() {
        ProduceInterceptor interceptor = (topic, partition, headers) -> headers;
        Configuration config = Configuration.builder().seeds("localhost:9092").addHooks(first).addHooks(second)
                .produceInterceptor(interceptor).build();
        assertThat(config.hooks()).containsExactly(first, second);
        Configuration copy = config.toBuilder().build();
        assertThat(copy.hooks()).containsExactly(first, second);
        assertThat(copy.produceInterceptor()).isSameAs(interceptor);
    }

    @Test
    void settingAListReplacesTheHooksAlreadySet() {
        Configuration config = Configuration.builder().seeds("localhost:9092").addHooks(first)
                .hooks(List.of(second)).build();
        assertThat(config.hooks()).containsExactly(second);
        assertThat(config.toBuilder().hooks(List.of()).build().hooks()).isEmpty();
    }

    @Test
    void aNullHookIsRefusedAtOnce() {
        assertThatNullPointerException().isThrownBy(() -> Configuration.builder().addHooks(null))
                .withMessageContaining("hooks");
    }
}
