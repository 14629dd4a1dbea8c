/** The root of the exceptions hpkafka throws or completes futures with: {@link io.hpkafka.errors.KafkaClientException}. */
package io.hpkafka.errors;
