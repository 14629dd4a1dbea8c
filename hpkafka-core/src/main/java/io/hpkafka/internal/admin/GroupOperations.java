package io.hpkafka.internal.admin;

import io.hpkafka.admin.AdminException;
import io.hpkafka.admin.GroupDescription;
import io.hpkafka.admin.GroupListing;
import io.hpkafka.admin.PartitionLag;
import io.hpkafka.config.BrokerAddress;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.internal.consumer.OffsetLookups;
import io.hpkafka.internal.group.ConsumerProtocol;
import io.hpkafka.internal.network.Connection;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.message.DescribeGroupsRequest;
import io.hpkafka.internal.protocol.message.DescribeGroupsResponse;
import io.hpkafka.internal.protocol.message.FindCoordinatorRequest;
import io.hpkafka.internal.protocol.message.FindCoordinatorResponse;
import io.hpkafka.internal.protocol.message.ListGroupsRequest;
import io.hpkafka.internal.protocol.message.ListGroupsResponse;
import io.hpkafka.internal.protocol.message.MetadataResponse;
import io.hpkafka.internal.protocol.message.OffsetFetchRequest;
import io.hpkafka.internal.protocol.message.OffsetFetchResponse;
import io.hpkafka.record.TopicPartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Group operations: ListGroups at every broker; DescribeGroups and OffsetFetch at the group's coordinator, found
 * with FindCoordinator; end offsets through the client's ListOffsets batching. A coordinator that moved or is still
 * loading its groups is looked up again until the request timeout.
 */
final class GroupOperations {

    private final BrokerRequests requests;
    private final OffsetLookups offsets;

    GroupOperations(BrokerRequests requests, OffsetLookups offsets) {
        this.requests = requests;
        this.offsets = offsets;
    }

    /** Errors after which asking the coordinator (found again) later may succeed. */
    private static boolean coordinatorRetriable(short code) {
        return code == Errors.NOT_COORDINATOR || code == Errors.COORDINATOR_NOT_AVAILABLE
                || code == Errors.COORDINATOR_LOAD_IN_PROGRESS;
    }

    CompletableFuture<List<GroupListing>> list() {
        long deadline = requests.deadline();
        return requests.retrying("ListGroups", deadline, () -> requests.cluster(deadline).thenCompose(m -> {
            List<CompletableFuture<ListGroupsResponse>> answers = new ArrayList<>();
            for (MetadataResponse.Broker b : m.brokers()) {
                answers.add(requests.node(b.nodeId(), new BrokerAddress(b.host(), b.port()))
                        .send(ListGroupsRequest.ALL));
            }
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(x -> {
                Map<String, GroupListing> groups = new TreeMap<>();
                for (CompletableFuture<ListGroupsResponse> f : answers) {
                    ListGroupsResponse r = f.join();
                    if (coordinatorRetriable(r.errorCode())) {
                        return BrokerRequests.Attempt.<List<GroupListing>>again(Errors.name(r.errorCode()));
                    }
                    if (r.errorCode() != Errors.NONE) {
                        throw new AdminException("ListGroups", r.errorCode(), Errors.name(r.errorCode()), null);
                    }
                    for (ListGroupsResponse.Group g : r.groups()) {
                        groups.put(g.groupId(), new GroupListing(g.groupId(), g.protocolType(), g.groupState(),
                                g.groupType()));
                    }
                }
                return BrokerRequests.Attempt.done(List.copyOf(groups.values()));
            });
        }));
    }

    CompletableFuture<GroupDescription> describe(String groupId) {
        long deadline = requests.deadline();
        return requests.retrying("DescribeGroups of group " + groupId, deadline,
                () -> coordinator(groupId, deadline).thenCompose(c -> c.connection().send(
                        new DescribeGroupsRequest(List.of(groupId))).thenApply(r -> {
                            DescribeGroupsResponse.Group g = r.groups().stream()
                                    .filter(x -> x.groupId().equals(groupId)).findFirst()
                                    .orElseThrow(() -> new AdminException(groupId, Errors.GROUP_ID_NOT_FOUND,
                                            "GROUP_ID_NOT_FOUND", "the DescribeGroups answer left the group out"));
                            if (coordinatorRetriable(g.errorCode())) {
                                return BrokerRequests.Attempt.<GroupDescription>again(Errors.name(g.errorCode()));
                            }
                            if (g.errorCode() != Errors.NONE) {
                                throw new AdminException(groupId, g.errorCode(), Errors.name(g.errorCode()),
                                        g.errorMessage());
                            }
                            if ("Dead".equals(g.groupState())) { // what a classic coordinator says of no group
                                throw new AdminException(groupId, Errors.GROUP_ID_NOT_FOUND, "GROUP_ID_NOT_FOUND",
                                        "the coordinator reports the group Dead");
                            }
                            return BrokerRequests.Attempt.done(description(g, c.nodeId()));
                        })));
    }

    CompletableFuture<Map<TopicPartition, PartitionLag>> lag(String groupId) {
        long deadline = requests.deadline();
        CompletableFuture<List<OffsetFetchResponse.PartitionOffset>> committed = requests.retrying(
                "OffsetFetch of group " + groupId, deadline, () -> coordinator(groupId, deadline).thenCompose(c ->
                        c.connection().send(OffsetFetchRequest.of(groupId, null)).thenApply(r -> {
                            OffsetFetchResponse.Group g = r.groups().get(0);
                            if (coordinatorRetriable(g.errorCode())) {
                                return BrokerRequests.Attempt.again(Errors.name(g.errorCode()));
                            }
                            if (g.errorCode() != Errors.NONE) {
                                throw new AdminException(groupId, g.errorCode(), Errors.name(g.errorCode()), null);
                            }
                            return BrokerRequests.Attempt.done(g.partitions());
                        })));
        return committed.thenCompose(partitions -> {
            Map<TopicPartition, OffsetFetchResponse.PartitionOffset> byPartition = new LinkedHashMap<>();
            Map<TopicPartition, CompletableFuture<Long>> ends = new LinkedHashMap<>();
            partitions.stream()
                    .filter(p -> p.committedOffset() >= 0 && p.errorCode() == Errors.NONE)
                    .sorted(Comparator.comparing(OffsetFetchResponse.PartitionOffset::topic)
                            .thenComparingInt(OffsetFetchResponse.PartitionOffset::partition))
                    .forEach(p -> {
                        TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                        byPartition.put(tp, p);
                        ends.put(tp, offsets.offset(tp, StartPosition.LATEST));
                    });
            return CompletableFuture.allOf(ends.values().toArray(CompletableFuture[]::new)).thenApply(x -> {
                Map<TopicPartition, PartitionLag> out = new LinkedHashMap<>();
                byPartition.forEach((tp, p) -> out.put(tp, new PartitionLag(p.committedOffset(),
                        ends.get(tp).join(), p.metadata())));
                return java.util.Collections.unmodifiableMap(out);
            });
        });
    }

    /** A coordinator and its node id. */
    private record Coordinator(int nodeId, Connection connection) {
    }

    /** @return the group's coordinator; a coordinator error answered by FindCoordinator asks again later */
    private CompletableFuture<Coordinator> coordinator(String groupId, long deadline) {
        return requests.retrying("FindCoordinator of group " + groupId, deadline,
                () -> requests.anyBroker(FindCoordinatorRequest.group(groupId), deadline).thenApply(r -> {
                    if (r.coordinators().isEmpty()) {
                        return BrokerRequests.Attempt.again("empty FindCoordinator answer");
                    }
                    FindCoordinatorResponse.Coordinator c = r.coordinators().get(0);
                    if (c.errorCode() != Errors.NONE) {
                        if (Errors.isRetriable(c.errorCode())) {
                            return BrokerRequests.Attempt.again(Errors.name(c.errorCode()));
                        }
                        throw new AdminException(groupId, c.errorCode(), Errors.name(c.errorCode()), null);
                    }
                    return BrokerRequests.Attempt.done(new Coordinator(c.nodeId(),
                            requests.node(c.nodeId(), new BrokerAddress(c.host(), c.port()))));
                }));
    }

    private static GroupDescription description(DescribeGroupsResponse.Group g, int coordinatorId) {
        boolean consumer = ConsumerProtocol.PROTOCOL_TYPE.equals(g.protocolType());
        List<GroupDescription.Member> members = new ArrayList<>(g.members().size());
        for (DescribeGroupsResponse.Member m : g.members()) {
            List<TopicPartition> assignment = List.of();
            if (consumer) {
                try {
                    assignment = ConsumerProtocol.decodeAssignment(m.assignment());
                } catch (ProtocolException e) {
                    assignment = List.of(); // another client's format we cannot read: say nothing rather than fail
                }
            }
            members.add(new GroupDescription.Member(m.memberId(), m.groupInstanceId(), m.clientId(),
                    m.clientHost(), assignment));
        }
        return new GroupDescription(g.groupId(), g.groupState(), g.protocolType(), g.protocolData(), coordinatorId,
                members);
    }
}
