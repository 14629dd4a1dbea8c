package io.hpkafka.producer;

/**
 * Records of one batch acknowledged by the partition leader.
 *
 * @param topic topic name
 * @param partition partition index
 * @param baseOffset offset of the batch's first record, or -1 with acks=0 (the broker does not answer)
 * @param recordCount records in the batch
 */
public record ProduceAcknowledged(String topic, int partition, long baseOffset, int recordCount) {
}
