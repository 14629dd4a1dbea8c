package io.hpkafka.internal.consumer;

import io.hpkafka.consumer.StartPosition;
import io.hpkafka.record.TopicPartition;

/**
 * Consumption state of one partition for one consumer (a cursor): two consumers of a client reading one partition
 * have one each, at their own positions. Everything but {@link #stopAt} and {@link #processed} is touched only by the
 * fetch engine's actor.
 */
final class PartitionFetch {
    final ConsumerFetch owner;
    final TopicPartition topicPartition;
    final StartPosition start;
    /** Offset of the next record to deliver; -1 until the start position is resolved. */
    long position = -1;
    /** Set while a ListOffsets lookup runs, so a partition is not fetched before its position is known. */
    boolean resolving;
    /**
     * Set from the moment the partition goes into a Fetch request until its records were delivered: it is not fetched
     * again before (the back-pressure: a slow listener holds its partitions, never the other consumers').
     */
    boolean busy;
    /** Not fetched before this {@link io.hpkafka.internal.concurrent.Clock#nanoTime()} (back-off after an error); 0 for none. */
    long retryAtNanos;
    /** Metadata refreshes since the leader was last known; the first is awaited quietly, later ones back off. */
    int leaderRefreshes;
    /** Number of the last Fetch request that carried this cursor (0 for none): the least recent goes first. */
    long lastRequest;
    /**
     * The topic's id (KIP-516) when this cursor first went into a Fetch, or null: Fetch below v13 names topics, so a
     * topic deleted and created again under the same name shows only as a new id in the metadata.
     */
    java.util.UUID topicId;
    /** The position that was out of range when this state replaced it, or -1. */
    long outOfRangeOffset = -1;
    /** Last offset to deliver; records beyond it are not delivered and the partition stops there. */
    volatile long stopAt = Long.MAX_VALUE;
    /**
     * Offset after the last record the listeners returned from, or -1 before the first: what a group member commits.
     * Written by the dispatcher, read by the actor.
     */
    volatile long processed = -1;

    PartitionFetch(ConsumerFetch owner, TopicPartition topicPartition, StartPosition start) {
        this.owner = owner;
        this.topicPartition = topicPartition;
        this.start = start;
    }
}
