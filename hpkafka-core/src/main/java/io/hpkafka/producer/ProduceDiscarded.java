package io.hpkafka.producer;

/**
 * A record the producer gave up on. Exactly one of acknowledged, discarded or expired is reported for each record.
 *
 * @param record the record as it was produced
 * @param reason why it was discarded
 * @param error the broker error name (e.g. {@code INVALID_TOPIC_EXCEPTION}) or exception message, or {@code null}
 * @param originalKey the key as handed to produce (the same bytes as the record's for the byte[] API)
 * @param originalValue the value as handed to produce; with serialization at send time, the record's value bytes
 *     are null if the record never reached serialization
 */
public record ProduceDiscarded(ProducerRecord record, DiscardReason reason, String error, Object originalKey,
                               Object originalValue) {
}
