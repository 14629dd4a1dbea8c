package io.hpkafka.producer;

/**
 * Where an acknowledged record was written.
 *
 * @param topic topic name
 * @param partition partition index
 * @param offset the record's offset, or -1 with acks=0 (the broker does not answer)
 */
public record RecordMetadata(String topic, int partition, long offset) {
}
