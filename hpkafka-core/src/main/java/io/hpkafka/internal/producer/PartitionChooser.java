package io.hpkafka.internal.producer;

import io.hpkafka.config.Configuration;
import io.hpkafka.internal.cluster.PartitionMetadata;
import io.hpkafka.internal.cluster.TopicMetadata;
import io.hpkafka.config.RequiredAcks;

/**
 * Chooses a record's partition: the one it already has (a retry), an explicit one, the murmur2 hash of its key
 * (as the official Java client does), or round robin over writable partitions, moving on after
 * {@code numberOfMessagesBeforeRoundRobin} records. Touched only by the producer's actor; the round-robin position
 * lives in the topic's {@link TopicRoute}.
 */
final class PartitionChooser {

    private final Configuration config;

    PartitionChooser(Configuration config) {
        this.config = config;
    }

    /** @return the partition, or -1 when no partition of the topic is writable right now */
    int choose(PendingRecord pr, TopicRoute route) {
        if (pr.partition >= 0) {
            return pr.partition; // a retried record stays on its partition
        }
        if (pr.requestedPartition >= 0) {
            return pr.requestedPartition;
        }
        TopicMetadata topic = route.metadata();
        int count = topic.partitions().size();
        if (pr.key != null) {
            return Partitioner.partitionForKey(pr.key, count);
        }
        int batchRecords = config.numberOfMessagesBeforeRoundRobin();
        for (int tries = 0; tries < count; tries++) {
            if (route.roundRobinSent >= batchRecords) {
                route.roundRobinCurrent = (route.roundRobinCurrent + 1) % count;
                route.roundRobinSent = 0;
            }
            int candidate = route.roundRobinCurrent % count;
            if (route.writable(candidate)) {
                route.roundRobinSent++;
                return candidate;
            }
            // Skip partitions without a leader (or below minInSyncReplicas) while they are so.
            route.roundRobinSent = batchRecords;
        }
        return -1;
    }

    /**
     * Whether unkeyed records may go to {@code p}: it has a leader and, with acks=all and minInSyncReplicas set, at
     * least that many in-sync replicas (the broker would answer NOT_ENOUGH_REPLICAS otherwise).
     */
    boolean writable(PartitionMetadata p) {
        if (p == null || !p.hasLeader()) {
            return false;
        }
        return config.requiredAcks() != RequiredAcks.ALL_IN_SYNC_REPLICAS
                || config.minInSyncReplicas() <= 0 || p.isr().length >= config.minInSyncReplicas();
    }
}
