package io.hpkafka.serialization;

import io.hpkafka.record.KafkaRecord;

/**
 * A consumed record whose key or value a deserializer could not read. The record is skipped for the typed listener,
 * reported here with its raw bytes, topic, partition and offset, and consumption goes on.
 *
 * @param record the raw record
 * @param error what the deserializer threw
 */
public record DeserializationError(KafkaRecord record, RuntimeException error) {
}
