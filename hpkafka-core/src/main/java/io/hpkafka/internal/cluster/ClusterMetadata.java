package io.hpkafka.internal.cluster;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.protocol.message.MetadataResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the cluster: live brokers and the topics asked about so far. A new snapshot replaces the
 * brokers and merges the topics of each Metadata response.
 */
public final class ClusterMetadata {

    /** No broker and no topic known yet. */
    public static final ClusterMetadata EMPTY = new ClusterMetadata(Map.of(), Map.of());

    private final Map<Integer, BrokerAddress> brokers;
    private final Map<String, TopicMetadata> topics;

    private ClusterMetadata(Map<Integer, BrokerAddress> brokers, Map<String, TopicMetadata> topics) {
        this.brokers = brokers;
        this.topics = topics;
    }

    /** @return the address of broker {@code nodeId}, or null if it is not in the latest Metadata response */
    public BrokerAddress broker(int nodeId) {
        return brokers.get(nodeId);
    }

    /** @return every live broker by node id */
    public Map<Integer, BrokerAddress> brokers() {
        return brokers;
    }

    /** @return what is known of {@code topic}, or null */
    public TopicMetadata topic(String topic) {
        return topics.get(topic);
    }

    /** @return a snapshot with the brokers of {@code response} and its topics merged over this one's */
    public ClusterMetadata merge(MetadataResponse response) {
        Map<Integer, BrokerAddress> newBrokers = new HashMap<>();
        for (MetadataResponse.Broker b : response.brokers()) {
            newBrokers.put(b.nodeId(), new BrokerAddress(b.host(), b.port()));
        }
        Map<String, TopicMetadata> newTopics = new HashMap<>(topics);
        for (MetadataResponse.Topic t : response.topics()) {
            List<PartitionMetadata> partitions = new ArrayList<>(t.partitions().size());
            for (MetadataResponse.Partition p : t.partitions()) {
                partitions.add(new PartitionMetadata(p.partition(), p.leaderId(), p.leaderEpoch(), p.replicas(),
                        p.isr()));
            }
            partitions.sort(Comparator.comparingInt(PartitionMetadata::partition));
            boolean noId = t.topicId() == null || t.topicId().getMostSignificantBits() == 0
                    && t.topicId().getLeastSignificantBits() == 0;
            newTopics.put(t.name(), new TopicMetadata(t.name(), t.errorCode(), List.copyOf(partitions),
                    noId ? null : t.topicId()));
        }
        return new ClusterMetadata(Map.copyOf(newBrokers), newTopics);
    }
}
