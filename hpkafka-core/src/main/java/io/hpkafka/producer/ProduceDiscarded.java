package io.hpkafka.producer;

/**
 * A record the producer gave up on. Exactly one of acknowledged, discarded or expired is reported for each record.
 *
 * @param record the record as it was produced
 * @param reason why it was discarded
 * @param error the broker error name (e.g. {@code INVALID_TOPIC_EXCEPTION}) or exception message, or {@code null}
 */
public record ProduceDiscarded(ProducerRecord record, DiscardReason reason, String error) {
}
