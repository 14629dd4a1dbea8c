package io.hpkafka.internal.group;

import io.hpkafka.record.TopicPartition;

import java.util.Set;

/**
 * What a member holds at one moment: the generation and member id its commits are fenced with, and the partitions
 * it owns. Immutable; a rebalance makes a new one.
 *
 * @param generationId the generation from JoinGroup, or -1 outside a generation
 * @param memberId the member id from JoinGroup, or ""
 * @param owned the partitions owned in that generation
 */
record Membership(int generationId, String memberId, Set<TopicPartition> owned) {

    static final Membership NONE = new Membership(-1, "", Set.of());

    boolean ownsPartitions() {
        return generationId >= 0 && !owned.isEmpty();
    }
}
