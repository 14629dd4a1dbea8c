package io.hpkafka.group;

import io.hpkafka.record.TopicPartition;

import java.util.List;

/**
 * A member gave up its partitions: no record of them is delivered after this event. On a rebalance or close the
 * offsets of processed records were committed first; when {@code lost} the membership had already expired (session
 * timeout, unknown member, fenced) and nothing could be committed, so another member may process some records again.
 *
 * @param groupId the group
 * @param partitions the partitions given up
 * @param lost whether the partitions were lost rather than handed over
 */
public record PartitionsRevoked(String groupId, List<TopicPartition> partitions, boolean lost) {
}
