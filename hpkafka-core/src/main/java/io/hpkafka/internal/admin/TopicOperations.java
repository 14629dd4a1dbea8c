package io.hpkafka.internal.admin;

import io.hpkafka.admin.NewTopic;
import io.hpkafka.admin.TopicConfig;
import io.hpkafka.admin.TopicDescription;
import io.hpkafka.admin.TopicResults;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.CreateTopicsRequest;
import io.hpkafka.internal.protocol.message.DeleteTopicsRequest;
import io.hpkafka.internal.protocol.message.DescribeConfigsRequest;
import io.hpkafka.internal.protocol.message.DescribeConfigsResponse;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Topic operations: CreateTopics and DeleteTopics at the controller, Metadata and DescribeConfigs at any broker, each
 * run per topic by {@link TopicRounds}.
 */
final class TopicOperations {

    private final BrokerRequests requests;

    TopicOperations(BrokerRequests requests) {
        this.requests = requests;
    }

    /** NOT_CONTROLLER: the controller moved between our Metadata and CreateTopics; a quota: wait and ask again. */
    private static boolean controllerRetriable(short code) {
        return code == Errors.NOT_CONTROLLER || code == Errors.THROTTLING_QUOTA_EXCEEDED; // KIP-599
    }

    /** A missing topic is an answer, not a reason to wait; a topic still electing leaders is. */
    private static boolean describeRetriable(short code) {
        return code != Errors.UNKNOWN_TOPIC_OR_PARTITION && Errors.isRetriable(code);
    }

    TopicResults<Void> create(Collection<NewTopic> topics, boolean validateOnly) {
        Map<String, NewTopic> byName = new LinkedHashMap<>();
        for (NewTopic t : topics) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("CreateTopics: topic " + t.name() + " is named twice");
            }
        }
        return TopicRounds.run(requests, "CreateTopics", byName.keySet(), TopicOperations::controllerRetriable,
                (names, deadline) -> {
                    List<CreateTopicsRequest.Topic> ts = new ArrayList<>(names.size());
                    for (String n : names) {
                        NewTopic t = byName.get(n);
                        ts.add(new CreateTopicsRequest.Topic(n, t.partitions(), t.replicationFactor(), t.configs()));
                    }
                    return requests.toController(new CreateTopicsRequest(ts, requests.brokerTimeoutMs(),
                            validateOnly), deadline).thenApply(r -> r.topics().stream()
                            .map(x -> new TopicRounds.Answer<Void>(x.name(), x.errorCode(), x.errorMessage(), null))
                            .toList());
                });
    }

    TopicResults<Void> delete(Collection<String> topics) {
        return TopicRounds.run(requests, "DeleteTopics", topics, TopicOperations::controllerRetriable,
                (names, deadline) -> requests.toController(new DeleteTopicsRequest(names,
                        requests.brokerTimeoutMs()), deadline).thenApply(r -> r.topics().stream()
                        .map(x -> new TopicRounds.Answer<Void>(x.name(), x.errorCode(), x.errorMessage(), null))
                        .toList()));
    }

    TopicResults<TopicDescription> describe(Collection<String> topics) {
        return TopicRounds.run(requests, "Metadata", topics, TopicOperations::describeRetriable,
                (names, deadline) -> requests.anyBroker(new MetadataRequest(names, false), deadline)
                        .thenApply(r -> r.topics().stream()
                                .map(t -> new TopicRounds.Answer<>(t.name(), t.errorCode(), null,
                                        t.errorCode() == Errors.NONE ? description(t) : null))
                                .toList()));
    }

    TopicResults<Map<String, TopicConfig>> describeConfigs(Collection<String> topics) {
        return TopicRounds.run(requests, "DescribeConfigs", topics, TopicOperations::describeRetriable,
                (names, deadline) -> requests.anyBroker(DescribeConfigsRequest.topics(names), deadline)
                        .thenApply(r -> r.results().stream()
                                .map(x -> new TopicRounds.Answer<>(x.resourceName(), x.errorCode(),
                                        x.errorMessage(), configs(x)))
                                .toList()));
    }

    private static TopicDescription description(MetadataResponse.Topic t) {
        List<TopicDescription.PartitionInfo> partitions = new ArrayList<>(t.partitions().size());
        for (MetadataResponse.Partition p : t.partitions()) {
            partitions.add(new TopicDescription.PartitionInfo(p.partition(), p.leaderId(), list(p.replicas()),
                    list(p.isr())));
        }
        partitions.sort(Comparator.comparingInt(TopicDescription.PartitionInfo::partition));
        return new TopicDescription(t.name(), t.topicId(), t.internal(), partitions);
    }

    private static Map<String, TopicConfig> configs(DescribeConfigsResponse.Result r) {
        Map<String, TopicConfig> out = new LinkedHashMap<>();
        for (DescribeConfigsResponse.Config c : r.configs()) {
            out.put(c.name(), new TopicConfig(c.name(), c.value(), TopicConfig.Source.of(c.configSource()),
                    c.readOnly(), c.sensitive()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static List<Integer> list(int[] ids) {
        List<Integer> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(id);
        }
        return out;
    }
}
