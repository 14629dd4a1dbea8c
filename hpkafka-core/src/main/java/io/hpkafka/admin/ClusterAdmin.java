package io.hpkafka.admin;

import io.hpkafka.record.TopicPartition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Administrative operations on the cluster a {@code ClusterClient} talks to, over that client's connections and
 * metadata. Every operation is asynchronous and retries what may pass (no broker reachable yet, a coordinator or
 * controller that moved, a coordinator still loading) until the client's {@code clientRequestTimeoutMs} has gone by.
 * <p>
 * Failures: a per-topic or per-group error the broker answered fails with {@link AdminException} naming the Kafka
 * error code (e.g. TOPIC_ALREADY_EXISTS); no broker answering in time, or the client closed, fails with
 * {@link io.hpkafka.errors.KafkaClientException}, as does every operation still running when the client closes.
 * Futures complete on a client thread: do not block in their callbacks. Thread-safe.
 */
public interface ClusterAdmin {

    /**
     * Creates topics (CreateTopics, API key 19, v2-v7; v4+ when a count is left to the broker), sent to the
     * controller named by the metadata or to any broker, which forwards it in KRaft.
     *
     * @param topics the topics to create, with distinct names
     * @param validateOnly whether the broker only checks that the topics could be created, creating nothing
     * @return a future per topic, completing once the controller has created it; failing with {@link AdminException}
     *     for TOPIC_ALREADY_EXISTS, INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR, INVALID_CONFIG, POLICY_VIOLATION,
     *     TOPIC_AUTHORIZATION_FAILED, ...
     * @throws IllegalArgumentException if two topics share a name
     */
    TopicResults<Void> createTopics(Collection<NewTopic> topics, boolean validateOnly);

    /** Creates topics; {@link #createTopics(Collection, boolean)} without validate-only. */
    default TopicResults<Void> createTopics(Collection<NewTopic> topics) {
        return createTopics(topics, false);
    }

    /**
     * Deletes topics (DeleteTopics, API key 20, v1-v5), sent like {@link #createTopics}.
     *
     * @return a future per topic; failing with {@link AdminException} for UNKNOWN_TOPIC_OR_PARTITION,
     *     TOPIC_DELETION_DISABLED, TOPIC_AUTHORIZATION_FAILED, ...
     */
    TopicResults<Void> deleteTopics(Collection<String> topics);

    /**
     * Describes topics: partitions with their leader, replicas and in-sync replicas (Metadata, API key 3, v4-v12,
     * without auto-creation). A topic answered with a transient error (LEADER_NOT_AVAILABLE while it is being
     * created) is asked about again until the timeout; a partition without a leader has leader -1.
     *
     * @return a future per topic; failing with {@link AdminException} UNKNOWN_TOPIC_OR_PARTITION for a topic that
     *     does not exist
     */
    TopicResults<TopicDescription> describeTopics(Collection<String> topics);

    /**
     * Describes the configs of topics, every key with its value and where it comes from (DescribeConfigs, API key
     * 32, v1-v4).
     *
     * @return a future per topic of its configs by name; failing with {@link AdminException}
     *     UNKNOWN_TOPIC_OR_PARTITION for a topic that does not exist
     */
    TopicResults<Map<String, TopicConfig>> describeTopicConfigs(Collection<String> topics);

    /**
     * Lists the groups of the cluster (ListGroups, API key 16, v0-v5), asking every live broker for the groups it
     * coordinates.
     *
     * @return a future of every group, sorted by id
     */
    CompletableFuture<List<GroupListing>> listGroups();

    /**
     * Describes a classic consumer group (DescribeGroups, API key 15, v0-v6) at its coordinator (FindCoordinator,
     * API key 10): state, assignor, members and, for groups of protocol type {@code consumer}, each member's
     * assigned partitions.
     *
     * @return a future of the group; failing with {@link AdminException} GROUP_ID_NOT_FOUND when the group does not
     *     exist (the broker reports it as {@code Dead}) or is a KIP-848 group of type {@code consumer}, which
     *     DescribeGroups does not describe (ConsumerGroupDescribe, API key 69, is not implemented)
     */
    CompletableFuture<GroupDescription> describeGroup(String groupId);

    /**
     * A group's committed offsets (OffsetFetch, API key 9) and each partition's end offset (ListOffsets, API key 2,
     * latest), so its lag.
     *
     * @return a future of every partition with an offset the group committed, by partition; failing with
     *     {@link AdminException} for a group-level error such as GROUP_AUTHORIZATION_FAILED, or with
     *     {@link io.hpkafka.errors.KafkaClientException} when an end offset cannot be read (a topic deleted since)
     */
    CompletableFuture<Map<TopicPartition, PartitionLag>> groupLag(String groupId);
}
