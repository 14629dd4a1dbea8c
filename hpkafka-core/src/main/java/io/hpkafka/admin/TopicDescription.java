package io.hpkafka.admin;

import java.util.List;
import java.util.UUID;

/**
 * A topic as the cluster's metadata describes it.
 *
 * @param name the topic name
 * @param topicId the topic id (KIP-516), or all zero when the broker does not say
 * @param internal whether the topic is internal (such as {@code __consumer_offsets})
 * @param partitions the partitions, by index
 */
public record TopicDescription(String name, UUID topicId, boolean internal, List<PartitionInfo> partitions) {

    public TopicDescription {
        partitions = List.copyOf(partitions);
    }

    /** @return the number of partitions */
    public int partitionCount() {
        return partitions.size();
    }

    /**
     * One partition of a topic.
     *
     * @param partition the partition index
     * @param leader the leader's broker id, or -1 while it has none
     * @param replicas the brokers holding a replica, preferred leader first
     * @param inSyncReplicas the replicas caught up with the leader
     */
    public record PartitionInfo(int partition, int leader, List<Integer> replicas, List<Integer> inSyncReplicas) {

        public PartitionInfo {
            replicas = List.copyOf(replicas);
            inSyncReplicas = List.copyOf(inSyncReplicas);
        }
    }
}
