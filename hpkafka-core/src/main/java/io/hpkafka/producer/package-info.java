/**
 * The producer's records and outcomes: {@link io.hpkafka.producer.ProducerRecord}, and the acknowledged, discarded
 * and expired events that end every produced record (with {@link io.hpkafka.producer.RecordMetadata} and
 * {@link io.hpkafka.producer.ProduceFailedException} for per-record futures). The produce path is in
 * {@code io.hpkafka.internal.producer}.
 */
package io.hpkafka.producer;
