package io.hpkafka.group;

import io.hpkafka.record.TopicPartition;

import java.util.Map;

/**
 * The coordinator stored offsets (OffsetCommit, API key 8). An offset is that of the next record to process.
 *
 * @param groupId the group
 * @param offsets the offsets stored, by partition
 */
public record OffsetsCommitted(String groupId, Map<TopicPartition, Long> offsets) {
}
