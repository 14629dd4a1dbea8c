package io.hpkafka.producer;

/**
 * A record that stayed in the client longer than {@code messageTtl} without being acknowledged.
 *
 * @param record the record as it was produced
 * @param lastError the last error seen while trying to send it, or {@code null}
 * @param originalKey the key as handed to produce
 * @param originalValue the value as handed to produce
 */
public record ProduceExpired(ProducerRecord record, String lastError, Object originalKey, Object originalValue) {
}
