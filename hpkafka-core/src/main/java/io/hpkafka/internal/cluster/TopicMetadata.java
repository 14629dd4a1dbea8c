package io.hpkafka.internal.cluster;

import io.hpkafka.internal.protocol.Errors;

import java.util.List;
import java.util.UUID;

/**
 * What the cluster said about one topic: its partitions indexed by partition number, or an error.
 *
 * @param name topic name
 * @param errorCode 0, or the broker's error for the topic (e.g. UNKNOWN_TOPIC_OR_PARTITION)
 * @param partitions partitions in index order; empty when the topic has an error
 * @param topicId the topic's id (Metadata v10+, KIP-516), or null when unknown: a topic deleted and created again
 *     under the same name has a new one
 */
public record TopicMetadata(String name, short errorCode, List<PartitionMetadata> partitions, UUID topicId) {

    /** @return whether the topic is known and has partitions */
    public boolean usable() {
        return errorCode == Errors.NONE && !partitions.isEmpty();
    }

    /** @return the partition's metadata, or null if the index is out of range */
    public PartitionMetadata partition(int index) {
        return index >= 0 && index < partitions.size() ? partitions.get(index) : null;
    }
}
