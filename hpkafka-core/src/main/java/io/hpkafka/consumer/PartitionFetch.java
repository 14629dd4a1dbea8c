package io.hpkafka.consumer;

import io.hpkafka.cluster.TopicPartition;

/** Consumption state of one partition; touched only by the fetch engine's actor. */
final class PartitionFetch {
    final TopicPartition topicPartition;
    final StartPosition start;
    /** Offset of the next record to deliver; -1 until the start position is resolved. */
    long position = -1;
    /** Set while a ListOffsets lookup runs, so a partition is not fetched before its position is known. */
    boolean resolving;

    PartitionFetch(TopicPartition topicPartition, StartPosition start) {
        this.topicPartition = topicPartition;
        this.start = start;
    }
}
