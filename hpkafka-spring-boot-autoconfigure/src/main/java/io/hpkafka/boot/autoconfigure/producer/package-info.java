/**
 * Typed producers for the application: {@link io.hpkafka.boot.autoconfigure.producer.HpKafkaProducerFactory} builds a
 * {@link io.hpkafka.KafkaProducer} for any key and value types over the shared {@link io.hpkafka.ClusterClient},
 * choosing each serializer from the {@code hpkafka.producer.*-serializer(s)} properties
 * ({@link io.hpkafka.boot.autoconfigure.producer.ConfiguredSerializers}), a {@code Serializer} bean of the type, the
 * built-in ones, or JSON; {@link io.hpkafka.boot.autoconfigure.producer.HpKafkaProducerCustomizer}s see the choice last.
 */
@NullMarked
package io.hpkafka.boot.autoconfigure.producer;

import org.jspecify.annotations.NullMarked;
