package io.hpkafka.internal.admin;

import io.hpkafka.admin.AdminException;
import io.hpkafka.admin.GroupDescription;
import io.hpkafka.admin.NewTopic;
import io.hpkafka.admin.TopicResults;
import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.consumer.OffsetLookups;
import io.hpkafka.internal.group.ConsumerProtocol;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.CreateTopicsRequest;
import io.hpkafka.internal.protocol.message.CreateTopicsResponse;
import io.hpkafka.internal.protocol.message.DescribeGroupsRequest;
import io.hpkafka.internal.protocol.message.DescribeGroupsResponse;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.testing.InMemoryConnections;
import io.hpkafka.testing.ManualTime;
import io.hpkafka.testing.TestContexts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin retry rules with a manual clock and an in-memory broker (beside {@code ClusterAdminTest}, which runs the
 * same operations against a real one): which answers are asked again, after what pause, for which topics, and how an
 * operation ends at the request timeout.
 */
class AdminRetryTest {

    private static final int TIMEOUT_MS = 1_000;

    private final ManualTime time = new ManualTime();
    private final InMemoryConnections connections = new InMemoryConnections();
    private final ClientContext context = TestContexts.context(TestContexts.configuration()
            .requestTimeoutMs(TIMEOUT_MS / 2).clientRequestTimeoutMs(TIMEOUT_MS).build(), time, connections);
    private final DefaultClusterAdmin admin = new DefaultClusterAdmin(context, new OffsetLookups(context));

    @Test
    void aTopicAnsweredNotControllerIsAskedAgainAloneAfterThePauseWhileTheOtherCompletes() {
        TopicResults<Void> results = admin.createTopics(List.of(topic("a"), topic("b")));

        var first = connections.take(CreateTopicsRequest.class);
        assertThat(((CreateTopicsRequest) first.request()).topics()).extracting(CreateTopicsRequest.Topic::name).containsExactly("a", "b");
        assertThat(((CreateTopicsRequest) first.request()).timeoutMs()).as("the broker answers before our timeout").isLessThan(TIMEOUT_MS);
        first.answer(answer(result("a", Errors.NONE), result("b", Errors.NOT_CONTROLLER)));
        assertThat(results.topic("a")).isCompleted();
        assertThat(results.topic("b")).isNotDone();

        time.advance(BrokerRequests.BACKOFF_MS - 1);
        assertThat(connections.waiting(CreateTopicsRequest.class)).as("not before the pause").isZero();
        time.advance(1);
        var second = connections.take(CreateTopicsRequest.class);
        assertThat(((CreateTopicsRequest) second.request()).topics()).extracting(CreateTopicsRequest.Topic::name).containsExactly("b");
        second.answer(answer(result("b", Errors.NONE)));
        assertThat(results.all()).isCompleted();
    }

    @Test
    void oneTopicRefusedFailsAloneNamingTheKafkaError() {
        TopicResults<Void> results = admin.createTopics(List.of(topic("a"), topic("b")));
        connections.take(CreateTopicsRequest.class).answer(answer(result("a", Errors.NONE),
                result("b", Errors.TOPIC_ALREADY_EXISTS)));

        assertThat(results.topic("a")).isCompleted();
        assertThat(cause(results.topic("b"))).isInstanceOfSatisfying(AdminException.class, e -> {
            assertThat(e.resource()).isEqualTo("b");
            assertThat(e.errorName()).isEqualTo("TOPIC_ALREADY_EXISTS");
        });
        assertThat(connections.waiting(CreateTopicsRequest.class)).isZero();
    }

    @Test
    void aBrokenConnectionAsksEveryPendingTopicAgain() {
        TopicResults<Void> results = admin.createTopics(List.of(topic("a"), topic("b")));
        connections.take(CreateTopicsRequest.class).fail();
        time.advance(BrokerRequests.BACKOFF_MS);

        var again = connections.take(CreateTopicsRequest.class);
        assertThat(((CreateTopicsRequest) again.request()).topics()).extracting(CreateTopicsRequest.Topic::name).containsExactly("a", "b");
        again.answer(answer(result("a", Errors.NONE), result("b", Errors.NONE)));
        assertThat(results.all()).isCompleted();
    }

    @Test
    void aTopicAnsweredNotControllerUntilTheRequestTimeoutFailsNamingTheLastError() {
        TopicResults<Void> results = admin.createTopics(List.of(topic("a")));
        for (int round = 0; round < 100 && !results.topic("a").isDone(); round++) {
            connections.take(CreateTopicsRequest.class).answer(answer(result("a", Errors.NOT_CONTROLLER)));
            time.advance(BrokerRequests.BACKOFF_MS);
        }
        assertThat(cause(results.topic("a"))).isInstanceOf(KafkaClientException.class)
                .isNotInstanceOf(AdminException.class)
                .hasMessageContaining("NOT_CONTROLLER").hasMessageContaining("clientRequestTimeoutMs=" + TIMEOUT_MS);
    }

    @Test
    void twoTopicsOfOneNameAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> admin.createTopics(List.of(topic("a"), topic("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
        assertThat(connections.waiting(CreateTopicsRequest.class)).isZero();
    }

    @Test
    void aCoordinatorStillLoadingIsAskedAgainAndTheAssignmentIsDecoded() {
        CompletableFuture<GroupDescription> described = admin.describeGroup("g");
        connections.take(DescribeGroupsRequest.class).answer(new DescribeGroupsResponse(0, List.of(
                new DescribeGroupsResponse.Group(Errors.COORDINATOR_LOAD_IN_PROGRESS, null, "g", "", "", "",
                        List.of()))));
        assertThat(described).isNotDone();
        time.advance(BrokerRequests.BACKOFF_MS);

        byte[] assignment = ConsumerProtocol.encodeAssignment(List.of(new TopicPartition("t", 0),
                new TopicPartition("t", 2)));
        connections.take(DescribeGroupsRequest.class).answer(new DescribeGroupsResponse(0, List.of(
                new DescribeGroupsResponse.Group(Errors.NONE, null, "g", "Stable", "consumer", "range", List.of(
                        new DescribeGroupsResponse.Member("m-1", null, "c-1", "/127.0.0.1", new byte[0],
                                assignment))))));
        GroupDescription d = described.join();
        assertThat(d.state()).isEqualTo("Stable");
        assertThat(d.protocol()).isEqualTo("range");
        assertThat(d.coordinatorId()).isEqualTo(InMemoryConnections.NODE);
        assertThat(d.members()).singleElement().satisfies(m -> assertThat(m.assignment())
                .containsExactly(new TopicPartition("t", 0), new TopicPartition("t", 2)));
    }

    @Test
    void aDeadGroupIsReportedAsNotFound() {
        CompletableFuture<GroupDescription> described = admin.describeGroup("g");
        connections.take(DescribeGroupsRequest.class).answer(new DescribeGroupsResponse(0, List.of(
                new DescribeGroupsResponse.Group(Errors.NONE, null, "g", "Dead", "", "", List.of()))));
        assertThat(cause(described)).isInstanceOfSatisfying(AdminException.class,
                e -> assertThat(e.errorName()).isEqualTo("GROUP_ID_NOT_FOUND"));
    }

    @Test
    void closingFailsRunningOperationsAndLaterOnesAtOnce() {
        TopicResults<Void> waiting = admin.createTopics(List.of(topic("a")));
        CompletableFuture<GroupDescription> retrying = admin.describeGroup("g");
        connections.take(DescribeGroupsRequest.class).answer(new DescribeGroupsResponse(0, List.of(
                new DescribeGroupsResponse.Group(Errors.COORDINATOR_LOAD_IN_PROGRESS, null, "g", "", "", "",
                        List.of())))); // its retry now sits on the timer, which closing stops

        admin.close();

        assertThat(cause(waiting.topic("a"))).isInstanceOf(KafkaClientException.class).hasMessage("client closed");
        assertThat(cause(retrying)).isInstanceOf(KafkaClientException.class).hasMessage("client closed");
        assertThat(cause(admin.listGroups())).hasMessage("client closed");
        assertThat(cause(admin.deleteTopics(List.of("b")).topic("b"))).hasMessage("client closed");
        assertThat(connections.waiting(io.hpkafka.internal.protocol.message.DeleteTopicsRequest.class)).isZero();
    }

    private static NewTopic topic(String name) {
        return NewTopic.builder(name).partitions(1).replicas(1).build();
    }

    private static CreateTopicsResponse.TopicResult result(String name, short code) {
        return new CreateTopicsResponse.TopicResult(name, new UUID(0, 0), code, null, (short) 0, -1, (short) -1,
                List.of());
    }

    private static CreateTopicsResponse answer(CreateTopicsResponse.TopicResult... results) {
        return new CreateTopicsResponse(0, List.of(results));
    }

    private static Throwable cause(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        Throwable t = future.handle((v, e) -> e).join();
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
