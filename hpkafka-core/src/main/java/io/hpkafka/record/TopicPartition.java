package io.hpkafka.record;

/**
 * A partition of a topic.
 *
 * @param topic topic name
 * @param partition partition index
 */
public record TopicPartition(String topic, int partition) {
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
