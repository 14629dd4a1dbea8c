package io.hpkafka.internal.group;

import io.hpkafka.group.PartitionsAssigned;
import io.hpkafka.group.PartitionsRevoked;
import io.hpkafka.group.PartitionsRevoking;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.internal.consumer.ConsumerFetch;
import io.hpkafka.internal.consumer.FetchEngine;
import io.hpkafka.internal.consumer.OffsetLookups;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.FetchRequest;
import io.hpkafka.internal.protocol.message.FetchResponse;
import io.hpkafka.internal.protocol.message.HeartbeatRequest;
import io.hpkafka.internal.protocol.message.HeartbeatResponse;
import io.hpkafka.internal.protocol.message.JoinGroupRequest;
import io.hpkafka.internal.protocol.message.JoinGroupResponse;
import io.hpkafka.internal.protocol.message.OffsetCommitRequest;
import io.hpkafka.internal.protocol.message.OffsetCommitResponse;
import io.hpkafka.internal.protocol.message.OffsetFetchRequest;
import io.hpkafka.internal.protocol.message.OffsetFetchResponse;
import io.hpkafka.internal.protocol.message.SyncGroupRequest;
import io.hpkafka.internal.protocol.message.SyncGroupResponse;
import io.hpkafka.testing.InMemoryConnections;
import io.hpkafka.testing.ManualTime;
import io.hpkafka.testing.TestContexts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic group member's state machine with a manual clock and an in-memory connection layer: session-timeout
 * expiry, heartbeats, the back-off of a refused join, the revoking hook before the revoke commit, marked commits,
 * and partition pauses ending with a give-up, in milliseconds. The same behaviours run against a real
 * broker in {@code ConsumerGroupTest} and {@code GroupCoordinatorFailoverTest}.
 */
class GroupMemberTest {

    private static final String GROUP = "g";
    private static final String TOPIC = "t";
    private static final Duration SESSION = Duration.ofSeconds(10);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final ManualTime time = new ManualTime();
    private final InMemoryConnections network = new InMemoryConnections().topic(TOPIC, 2);
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private ClientContext context;
    private ConsumerFetch fetch;
    private GroupListeners listeners;
    private GroupMember member;

    @BeforeEach
    void createMember() {
        context = TestContexts.context(TestContexts.configuration().build(), time, network);
        FetchEngine engine = new FetchEngine(context, new OffsetLookups(context));
        fetch = engine.newConsumer("unit", TestContexts.DIRECT);
        listeners = GroupListeners.create(fetch.errors());
        listeners.assigned().add(events::add);
        listeners.revoking().add(events::add);
        listeners.revoked().add(events::add);
        listeners.errors().add(events::add);
        member = newMember(groupConfig());
    }

    private GroupMember newMember(ConsumerGroupConfiguration.Builder config) {
        return new GroupMember(context, GROUP, List.of(TOPIC), config.build(), fetch, listeners);
    }

    private static ConsumerGroupConfiguration.Builder groupConfig() {
        return ConsumerGroupConfiguration.builder().sessionTimeout(SESSION).rebalanceTimeout(SESSION)
                .heartbeatInterval(HEARTBEAT).autoCommitEveryMs(0)
                .coordinatorDiscoveryRetryTime(Duration.ofMillis(500));
    }

    @Test
    void aMemberWhoseHeartbeatsGoUnansweredLosesItsPartitionsOnceTheSessionTimeoutHasPassed() {
        member.start();
        joinAsLeaderAndOwnBothPartitions();
        assertThat(events).singleElement().isInstanceOf(PartitionsAssigned.class);
        java.util.Set<Long> fetchedFrom = new java.util.TreeSet<>();
        for (int round = 0; round < 3 && fetchedFrom.size() < 2; round++) {
            InMemoryConnections.Exchange<FetchResponse> fetch = network.take(FetchRequest.class);
            List<FetchResponse.PartitionData> empty = new java.util.ArrayList<>();
            ((FetchRequest) fetch.request()).topics().forEach(t -> t.partitions().forEach(p -> {
                fetchedFrom.add(p.fetchOffset());
                empty.add(new FetchResponse.PartitionData(t.topic(), p.partition(), Errors.NONE, -1, -1, -1,
                        java.nio.ByteBuffer.allocate(0), List.of(), -1, -1, -1));
            }));
            fetch.answer(new FetchResponse(Errors.NONE, empty, 0, 0, java.nio.ByteBuffer.allocate(0)));
        }
        assertThat(fetchedFrom).as("fetching from the committed offsets").containsExactly(5L, 7L);

        time.advance(HEARTBEAT);
        network.take(HeartbeatRequest.class).answer(new HeartbeatResponse(0, Errors.NONE));
        time.advance(HEARTBEAT); // from here on the coordinator is silent
        assertThat(network.waiting(HeartbeatRequest.class)).isEqualTo(1);

        time.advance(SESSION.minus(HEARTBEAT)); // exactly a session since the last answer: still a member
        assertThat(events).noneMatch(e -> e instanceof PartitionsRevoked);
        assertThat(network.waiting(JoinGroupRequest.class)).isZero();

        time.advance(HEARTBEAT);
        assertThat(events).filteredOn(e -> e instanceof PartitionsRevoked).singleElement().satisfies(e -> {
            PartitionsRevoked revoked = (PartitionsRevoked) e;
            assertThat(revoked.lost()).isTrue();
            assertThat(revoked.partitions()).containsExactlyInAnyOrder(new TopicPartition(TOPIC, 0),
                    new TopicPartition(TOPIC, 1));
        });
        assertThat(events).filteredOn(e -> e instanceof ConsumerError).singleElement()
                .satisfies(e -> assertThat(((ConsumerError) e).error()).contains("lost"));
        assertThat(network.waiting(JoinGroupRequest.class)).as("joining again").isEqualTo(1);
    }

    @Test
    void aJoinRefusedWhileTheCoordinatorLoadsIsSentAgainAfterTheBackOffAndReported() {
        member.start();
        network.take(JoinGroupRequest.class).answer(joinResponse(Errors.COORDINATOR_LOAD_IN_PROGRESS));
        assertThat(events).singleElement().satisfies(e -> {
            ConsumerError error = (ConsumerError) e;
            assertThat(error.kind()).isEqualTo(ConsumerError.Kind.GROUP);
            assertThat(error.error()).contains("COORDINATOR_LOAD_IN_PROGRESS");
            assertThat(error.retrying()).isTrue();
        });
        time.advance(99);
        assertThat(network.waiting(JoinGroupRequest.class)).isZero();
        time.advance(1);
        assertThat(network.waiting(JoinGroupRequest.class)).isEqualTo(1);
    }

    @Test
    void closingAMemberThatOwnsPartitionsRevokesThemAndReleasesItsCoordinatorConnection() {
        member.start();
        joinAsLeaderAndOwnBothPartitions();
        assertThat(network.dedicatedOpen()).isEqualTo(1);
        member.close();
        network.take(io.hpkafka.internal.protocol.message.LeaveGroupRequest.class).answer(null);
        assertThat(events).filteredOn(e -> e instanceof PartitionsRevoked).singleElement()
                .satisfies(e -> assertThat(((PartitionsRevoked) e).lost()).isFalse());
        assertThat(network.dedicatedOpen()).isZero();
    }

    @Test
    void revokingIsRaisedOnTheDeliveryExecutorBeforeTheRevokeCommitWhichCarriesTheMarksMadeThere() {
        member = newMember(groupConfig().commitMarkedOnly(true));
        fetch.markProcessed(TOPIC, 1, 6); // not above the committed 7: not sent
        listeners.revoking().add(e -> {
            assertThat(fetch.isDeliveryThread()).isTrue();
            fetch.markProcessed(TOPIC, 0, 9);
        });
        listeners.revoking().add(e -> {
            throw new IllegalStateException("a listener bug must not stop the give-up");
        });
        member.start();
        joinAsLeaderAndOwnBothPartitions();
        member.close();

        InMemoryConnections.Exchange<OffsetCommitResponse> commit = network.take(OffsetCommitRequest.class);
        assertThat(committed(commit)).containsExactly(Map.entry(new TopicPartition(TOPIC, 0), 10L));
        assertThat(events).filteredOn(e -> e instanceof PartitionsRevoking).singleElement()
                .satisfies(e -> assertThat(((PartitionsRevoking) e).lost()).isFalse());
        assertThat(events).as("revoked waits for the commit").noneMatch(e -> e instanceof PartitionsRevoked);
        commit.answer(new OffsetCommitResponse(0, List.of(
                new OffsetCommitResponse.PartitionResult(TOPIC, 0, Errors.NONE))));
        network.take(io.hpkafka.internal.protocol.message.LeaveGroupRequest.class).answer(null);
        assertThat(events).filteredOn(e -> e instanceof PartitionsRevoking || e instanceof PartitionsRevoked)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PartitionsRevoking", "PartitionsRevoked");
    }

    @Test
    void aLostMembershipRaisesRevokingMarkedLostAndCommitsNothing() {
        member = newMember(groupConfig().commitMarkedOnly(true));
        listeners.revoking().add(e -> fetch.markProcessed(TOPIC, 0, 9));
        member.start();
        joinAsLeaderAndOwnBothPartitions();
        time.advance(HEARTBEAT);
        network.take(HeartbeatRequest.class).answer(new HeartbeatResponse(0, Errors.UNKNOWN_MEMBER_ID));
        assertThat(events).filteredOn(e -> e instanceof PartitionsRevoking).singleElement()
                .satisfies(e -> assertThat(((PartitionsRevoking) e).lost()).isTrue());
        assertThat(network.waiting(OffsetCommitRequest.class)).isZero();
        assertThat(network.waiting(JoinGroupRequest.class)).isEqualTo(1);
    }

    @Test
    void aPartitionPauseEndsWhenThePartitionIsRevokedSoItStartsUnpausedWhenAssignedAgain() {
        member.start();
        joinAsLeaderAndOwnBothPartitions();
        fetch.pause(TOPIC, 0);
        InMemoryConnections.Exchange<FetchResponse> first = network.take(FetchRequest.class);
        first.answer(emptyAnswer(first));
        InMemoryConnections.Exchange<FetchResponse> paused = network.take(FetchRequest.class);
        assertThat(fetchedPartitions(paused)).containsExactly(1);

        time.advance(HEARTBEAT);
        network.take(HeartbeatRequest.class).answer(new HeartbeatResponse(0, Errors.REBALANCE_IN_PROGRESS));
        assertThat(events).anyMatch(e -> e instanceof PartitionsRevoked);
        paused.answer(emptyAnswer(paused));
        joinAsLeaderAndOwnBothPartitions();
        assertThat(fetchedPartitions(network.take(FetchRequest.class))).as("partition 0, unpaused").contains(0);
    }

    private static List<Integer> fetchedPartitions(InMemoryConnections.Exchange<FetchResponse> fetch) {
        return ((FetchRequest) fetch.request()).topics().stream().flatMap(t -> t.partitions().stream())
                .map(FetchRequest.Partition::partition).toList();
    }

    private static FetchResponse emptyAnswer(InMemoryConnections.Exchange<FetchResponse> fetch) {
        List<FetchResponse.PartitionData> empty = new java.util.ArrayList<>();
        ((FetchRequest) fetch.request()).topics().forEach(t -> t.partitions().forEach(p -> empty.add(
                new FetchResponse.PartitionData(t.topic(), p.partition(), Errors.NONE, -1, -1, -1,
                        java.nio.ByteBuffer.allocate(0), List.of(), -1, -1, -1))));
        return new FetchResponse(Errors.NONE, empty, 0, 0, java.nio.ByteBuffer.allocate(0));
    }

    private static Map<TopicPartition, Long> committed(InMemoryConnections.Exchange<OffsetCommitResponse> commit) {
        Map<TopicPartition, Long> offsets = new java.util.LinkedHashMap<>();
        ((OffsetCommitRequest) commit.request()).topics().forEach(t -> t.partitions().forEach(p ->
                offsets.put(new TopicPartition(t.name(), p.partition()), p.committedOffset())));
        return offsets;
    }

    private void joinAsLeaderAndOwnBothPartitions() {
        network.take(JoinGroupRequest.class).answer(new JoinGroupResponse(0, Errors.NONE, 1, "consumer", "range",
                "m-1", false, "m-1", List.of(new JoinGroupResponse.Member("m-1", null,
                ConsumerProtocol.encodeSubscription(List.of(TOPIC))))));
        InMemoryConnections.Exchange<SyncGroupResponse> sync = network.take(SyncGroupRequest.class);
        List<SyncGroupRequest.Assignment> assignments = ((SyncGroupRequest) sync.request()).assignments();
        assertThat(assignments).extracting(SyncGroupRequest.Assignment::memberId).containsExactly("m-1");
        sync.answer(new SyncGroupResponse(0, Errors.NONE, "consumer", "range", assignments.get(0).assignment()));
        network.take(OffsetFetchRequest.class).answer(new OffsetFetchResponse(0, List.of(new OffsetFetchResponse.Group(
                GROUP, Errors.NONE, List.of(
                        new OffsetFetchResponse.PartitionOffset(TOPIC, 0, 5, -1, "", Errors.NONE),
                        new OffsetFetchResponse.PartitionOffset(TOPIC, 1, 7, -1, "", Errors.NONE))))));
    }

    private static JoinGroupResponse joinResponse(short error) {
        return new JoinGroupResponse(0, error, -1, null, null, "", false, "", List.of());
    }
}
