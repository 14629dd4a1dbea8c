/**
 * What a consumer tells the application beyond its records: errors on its error channel ({@link
 * io.hpkafka.consumer.ConsumerError}), offset resets, and where a partition starts ({@link
 * io.hpkafka.consumer.StartPosition}). The fetch path itself is in {@code io.hpkafka.internal.consumer}.
 */
package io.hpkafka.consumer;
