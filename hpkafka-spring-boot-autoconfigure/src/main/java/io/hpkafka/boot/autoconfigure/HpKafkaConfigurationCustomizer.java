package io.hpkafka.boot.autoconfigure;

import io.hpkafka.config.Configuration;

/**
 * Callback that changes the auto-configured {@link Configuration} before it is built, for what properties cannot
 * express (the driver's {@code executor}, for instance). Customizers run after the {@code hpkafka.*} properties are
 * applied, in {@link org.springframework.core.Ordered} / {@link org.springframework.core.annotation.Order} order.
 * Options they set are validated like the properties: an invalid value fails start-up.
 */
@FunctionalInterface
public interface HpKafkaConfigurationCustomizer {

    /**
     * Customizes the builder.
     * @param builder the builder, already holding the values of the {@code hpkafka.*} properties
     */
    void customize(Configuration.Builder builder);

}
