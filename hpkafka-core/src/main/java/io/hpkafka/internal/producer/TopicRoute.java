package io.hpkafka.internal.producer;

import io.hpkafka.internal.cluster.ClusterMetadata;
import io.hpkafka.internal.cluster.PartitionMetadata;
import io.hpkafka.internal.cluster.TopicMetadata;
import io.hpkafka.record.TopicPartition;

import java.util.Arrays;

/**
 * What the producer's actor keeps per topic so that routing a record costs one map lookup and no allocation: the
 * topic's metadata as of one cluster snapshot, its {@link TopicPartition}s, the sendable leader of each partition,
 * the round-robin position, and the batch open on each partition. Touched only by the actor.
 */
final class TopicRoute {

    private static final TopicPartition[] NO_PARTITIONS = new TopicPartition[0];
    private static final int[] NO_LEADERS = new int[0];

    final String topic;
    /** The snapshot the fields below were read from; compared by identity, as snapshots are immutable. */
    private ClusterMetadata snapshot;
    /** The topic's metadata in {@link #snapshot}, or null when the snapshot does not know it. */
    private TopicMetadata metadata;
    private TopicPartition[] partitions = NO_PARTITIONS;
    /** Per partition: the leader's node id when it has one whose address is known, else -1. */
    private int[] sendableLeaders = NO_LEADERS;
    /** Per partition: whether unkeyed records may go there ({@link PartitionChooser#writable}). */
    private boolean[] writable = new boolean[0];
    /** Per partition: the batch records join until it is sent, or null. */
    private PartitionBatch[] open = new PartitionBatch[0];
    /** Round robin: the partition records go to now, and how many went there in a row. */
    int roundRobinCurrent = -1;
    int roundRobinSent = Integer.MAX_VALUE;

    TopicRoute(String topic) {
        this.topic = topic;
    }

    /** Brings the route up to {@code latest}; costs an identity check when nothing changed. */
    void refresh(ClusterMetadata latest, PartitionChooser chooser) {
        if (latest == snapshot) {
            return;
        }
        snapshot = latest;
        metadata = latest.topic(topic);
        int count = metadata == null ? 0 : metadata.partitions().size();
        if (partitions.length != count) {
            partitions = new TopicPartition[count];
            for (int i = 0; i < count; i++) {
                partitions[i] = new TopicPartition(topic, i);
            }
            open = Arrays.copyOf(open, count);
        }
        sendableLeaders = new int[count];
        writable = new boolean[count];
        for (int i = 0; i < count; i++) {
            PartitionMetadata p = metadata.partitions().get(i);
            sendableLeaders[i] = p.hasLeader() && latest.broker(p.leaderId()) != null ? p.leaderId() : -1;
            writable[i] = chooser.writable(p);
        }
    }

    /** @return the topic's metadata as of the last refresh, or null when unknown */
    TopicMetadata metadata() {
        return metadata;
    }

    TopicPartition topicPartition(int partition) {
        return partitions[partition];
    }

    /** @return the node id to send {@code partition}'s records to, or -1 while it has no leader with an address */
    int sendableLeader(int partition) {
        return sendableLeaders[partition];
    }

    /** @return whether unkeyed records may go to {@code partition} now; false for an index out of range */
    boolean writable(int partition) {
        return partition >= 0 && partition < writable.length && writable[partition];
    }

    /** @return the batch open on {@code partition} for {@code leaderId}, or null when a new one must start */
    PartitionBatch openBatch(int partition, int leaderId) {
        PartitionBatch b = open[partition];
        return b != null && !b.sealed && b.leaderId == leaderId ? b : null;
    }

    void setOpenBatch(int partition, PartitionBatch batch) {
        open[partition] = batch;
    }
}
