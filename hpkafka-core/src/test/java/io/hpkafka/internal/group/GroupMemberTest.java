package io.hpkafka.internal.group;

import io.hpkafka.group.PartitionsAssigned;
import io.hpkafka.group.PartitionsRevoked;
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
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic group member's state machine with a manual clock and an in-memory connection layer: session-timeout
 * expiry, heartbeats, and the back-off of a refused join, in milliseconds. The same behaviours run against a real
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
    private GroupMember member;

    @BeforeEach
    void createMember() {
        ClientContext context = TestContexts.context(TestContexts.configuration().build(), time, network);
        FetchEngine engine = new FetchEngine(context, new OffsetLookups(context));
        ConsumerFetch fetch = engine.newConsumer("unit", TestContexts.DIRECT);
        GroupListeners listeners = GroupListeners.create(fetch.errors());
        listeners.assigned().add(events::add);
        listeners.revoked().add(events::add);
        listeners.errors().add(events::add);
        member = new GroupMember(context, GROUP, List.of(TOPIC), ConsumerGroupConfiguration.builder()
                .sessionTimeout(SESSION).rebalanceTimeout(SESSION).heartbeatInterval(HEARTBEAT)
                .autoCommitEveryMs(0).coordinatorDiscoveryRetryTime(Duration.ofMillis(500)).build(), fetch, listeners);
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
