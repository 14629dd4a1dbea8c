package io.hpkafka.internal.cluster;

/**
 * What the cluster said about one partition.
 *
 * @param partition partition index
 * @param leaderId node id of the leader, or -1 when it has none
 * @param leaderEpoch the leader epoch, or -1
 * @param replicas node ids of every replica
 * @param isr node ids of the in-sync replicas
 */
public record PartitionMetadata(int partition, int leaderId, int leaderEpoch, int[] replicas, int[] isr) {
    /** @return whether the partition has a leader to send to */
    public boolean hasLeader() {
        return leaderId >= 0;
    }
}
