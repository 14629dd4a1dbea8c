/**
 * Spring Boot auto-configuration of hpkafka: {@code hpkafka.*} properties, the {@link io.hpkafka.config.Configuration},
 * {@link io.hpkafka.ClusterClient} and {@link io.hpkafka.KafkaProducer} beans.
 */
@NullMarked
package io.hpkafka.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
