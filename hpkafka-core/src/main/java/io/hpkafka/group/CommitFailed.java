package io.hpkafka.group;

import io.hpkafka.record.TopicPartition;

import java.util.Map;

/**
 * A commit of processed offsets failed (coordinator unreachable, rebalance in progress, membership lost). Fetching
 * goes on; the next commit carries the offsets again if the partitions are still owned.
 *
 * @param groupId the group
 * @param offsets the offsets that were not stored, by partition
 * @param error why, e.g. a broker error name such as {@code REBALANCE_IN_PROGRESS}
 */
public record CommitFailed(String groupId, Map<TopicPartition, Long> offsets, String error) {
}
