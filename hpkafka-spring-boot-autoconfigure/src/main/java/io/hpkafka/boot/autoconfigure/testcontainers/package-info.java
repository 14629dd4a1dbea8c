/**
 * {@code @ServiceConnection} support for Testcontainers' Kafka containers: their bootstrap servers become the
 * {@link io.hpkafka.boot.autoconfigure.HpKafkaConnectionDetails} of a test's application context.
 */
@NullMarked
package io.hpkafka.boot.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
