package io.hpkafka.internal.admin;

import io.hpkafka.admin.ClusterAdmin;
import io.hpkafka.admin.GroupDescription;
import io.hpkafka.admin.GroupListing;
import io.hpkafka.admin.NewTopic;
import io.hpkafka.admin.PartitionLag;
import io.hpkafka.admin.TopicConfig;
import io.hpkafka.admin.TopicDescription;
import io.hpkafka.admin.TopicResults;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.consumer.OffsetLookups;
import io.hpkafka.record.TopicPartition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link ClusterAdmin} over one client's context: topic operations and group operations side by side. */
public final class DefaultClusterAdmin implements ClusterAdmin {

    private final BrokerRequests requests;
    private final TopicOperations topics;
    private final GroupOperations groups;

    /**
     * @param context the client's shared parts (connections, metadata, timer, clock, request timeout)
     * @param offsets the client's ListOffsets batching, for end offsets
     */
    public DefaultClusterAdmin(ClientContext context, OffsetLookups offsets) {
        this.requests = new BrokerRequests(context);
        this.topics = new TopicOperations(requests);
        this.groups = new GroupOperations(requests, offsets);
    }

    /** Fails every running operation, and every later one, with "client closed". Call before the timer stops. */
    public void close() {
        requests.close();
    }

    @Override
    public TopicResults<Void> createTopics(Collection<NewTopic> topics, boolean validateOnly) {
        return this.topics.create(topics, validateOnly);
    }

    @Override
    public TopicResults<Void> deleteTopics(Collection<String> topics) {
        return this.topics.delete(topics);
    }

    @Override
    public TopicResults<TopicDescription> describeTopics(Collection<String> topics) {
        return this.topics.describe(topics);
    }

    @Override
    public TopicResults<Map<String, TopicConfig>> describeTopicConfigs(Collection<String> topics) {
        return this.topics.describeConfigs(topics);
    }

    @Override
    public CompletableFuture<List<GroupListing>> listGroups() {
        return groups.list();
    }

    @Override
    public CompletableFuture<GroupDescription> describeGroup(String groupId) {
        return groups.describe(Objects.requireNonNull(groupId, "groupId"));
    }

    @Override
    public CompletableFuture<Map<TopicPartition, PartitionLag>> groupLag(String groupId) {
        return groups.lag(Objects.requireNonNull(groupId, "groupId"));
    }
}
