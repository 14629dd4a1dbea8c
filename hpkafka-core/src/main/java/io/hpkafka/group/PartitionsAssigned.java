package io.hpkafka.group;

import io.hpkafka.record.TopicPartition;

import java.util.List;

/**
 * A member was given partitions after a rebalance (SyncGroup, API key 14). Raised before any record of them is
 * delivered.
 *
 * @param groupId the group
 * @param generationId the group generation the assignment belongs to
 * @param partitions every partition this member now owns, possibly none
 */
public record PartitionsAssigned(String groupId, int generationId, List<TopicPartition> partitions) {
}
