package io.hpkafka.group;

import io.hpkafka.record.TopicPartition;

import java.util.List;

/**
 * A member is about to give up its partitions (a rebalance, an expired membership, or close), and has not yet computed
 * the offsets it commits for them. Raised on the consumer's delivery executor, like records: while it runs no record
 * is in hand, and no further record of these partitions is delivered. A listener may finish what it buffered and, with
 * {@link io.hpkafka.config.ConsumerGroupConfiguration#commitMarkedOnly()}, mark it processed: those marks go in the
 * commit that follows (none when {@code lost}). The member waits for the listeners, within the rebalance timeout.
 * {@link PartitionsRevoked} follows once the commit is done.
 *
 * @param groupId the group
 * @param partitions the partitions being given up
 * @param lost whether the membership had already expired, so that nothing will be committed
 */
public record PartitionsRevoking(String groupId, List<TopicPartition> partitions, boolean lost) {
}
