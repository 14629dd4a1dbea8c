package io.hpkafka.producer;

import io.hpkafka.Configuration;
import io.hpkafka.cluster.PartitionMetadata;
import io.hpkafka.cluster.TopicMetadata;
import io.hpkafka.config.RequiredAcks;

import java.util.HashMap;
import java.util.Map;

/**
 * Chooses a record's partition: the one it already has (a retry), an explicit one, the murmur2 hash of its key
 * (as the official Java client does), or round robin over writable partitions, moving on after
 * {@code numberOfMessagesBeforeRoundRobin} records. Touched only by the producer's actor.
 */
final class PartitionChooser {

    private final Configuration config;
    private final Map<String, RoundRobin> roundRobins = new HashMap<>();

    PartitionChooser(Configuration config) {
        this.config = config;
    }

    /** @return the partition, or -1 when no partition of the topic is writable right now */
    int choose(PendingRecord pr, TopicMetadata topic) {
        ProducerRecord r = pr.record;
        int count = topic.partitions().size();
        if (pr.partition >= 0) {
            return pr.partition; // a retried record stays on its partition
        }
        if (r.partition() >= 0) {
            return r.partition();
        }
        if (r.key() != null) {
            return Partitioner.partitionForKey(r.key(), count);
        }
        RoundRobin rr = roundRobins.computeIfAbsent(r.topic(), t -> new RoundRobin());
        for (int tries = 0; tries < count; tries++) {
            if (rr.sentToCurrent >= config.numberOfMessagesBeforeRoundRobin()) {
                rr.current = (rr.current + 1) % count;
                rr.sentToCurrent = 0;
            }
            int candidate = rr.current % count;
            if (writable(topic.partition(candidate))) {
                rr.sentToCurrent++;
                return candidate;
            }
            // Skip partitions without a leader (or below minInSyncReplicas) while they are so.
            rr.sentToCurrent = config.numberOfMessagesBeforeRoundRobin();
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

    /** Round-robin position of one topic. */
    private static final class RoundRobin {
        int current = -1;
        int sentToCurrent = Integer.MAX_VALUE;
    }
}
