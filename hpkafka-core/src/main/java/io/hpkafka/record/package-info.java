/**
 * Record types every layer uses, importing nothing else of hpkafka: a consumed {@link io.hpkafka.record.KafkaRecord}
 * (and its deserialized {@link io.hpkafka.record.ConsumerRecord}), {@link io.hpkafka.record.Header},
 * {@link io.hpkafka.record.TimestampType} and {@link io.hpkafka.record.TopicPartition}.
 */
package io.hpkafka.record;
