package io.hpkafka.consumer;

import io.hpkafka.cluster.TopicPartition;

/**
 * Consumption state of one partition. The position and the resolving flag are touched only by the fetch engine's
 * actor; {@link #stopAt} is also read by the dispatcher, hence volatile.
 */
final class PartitionFetch {
    final TopicPartition topicPartition;
    final StartPosition start;
    /** Offset of the next record to deliver; -1 until the start position is resolved. */
    long position = -1;
    /** Set while a ListOffsets lookup runs, so a partition is not fetched before its position is known. */
    boolean resolving;
    /** The position that was out of range when this state replaced it, or -1. */
    long outOfRangeOffset = -1;
    /** Last offset to deliver; records beyond it are not delivered and the partition stops there. */
    volatile long stopAt = Long.MAX_VALUE;
    /**
     * Offset after the last record the listeners returned from, or -1 before the first: what a group member commits.
     * Written by the dispatcher, read by the actor.
     */
    volatile long processed = -1;

    PartitionFetch(TopicPartition topicPartition, StartPosition start) {
        this.topicPartition = topicPartition;
        this.start = start;
    }
}
