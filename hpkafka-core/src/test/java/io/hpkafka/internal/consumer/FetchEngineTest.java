package io.hpkafka.internal.consumer;

import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.FetchRequest;
import io.hpkafka.internal.protocol.message.FetchResponse;
import io.hpkafka.internal.protocol.message.ListOffsetsRequest;
import io.hpkafka.internal.protocol.message.ListOffsetsResponse;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.testing.InMemoryConnections;
import io.hpkafka.testing.ManualTime;
import io.hpkafka.testing.TestContexts;
import org.junit.jupiter.api.BeforeEach;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fetch positions of several consumers with a manual clock and an in-memory connection layer: the back-off after an
 * error, what is reported on the error channel, consumers of one partition taking turns, partition pauses, seeks, and
 * what a group member would commit (processed or marked). The same paths run against
 * real brokers in {@code SimpleConsumerTest}, {@code LeaderFailoverTest} and {@code ManyConsumersTest}.
 */
class FetchEngineTest {

    private static final String TOPIC = "t";

    private final ManualTime time = new ManualTime();
    private final InMemoryConnections network = new InMemoryConnections().topic(TOPIC, 2);
    private FetchEngine engine;

    @BeforeEach
    void createEngine() {
        ClientContext context = TestContexts.context(TestContexts.configuration().build(), time, network);
        engine = new FetchEngine(context, new OffsetLookups(context));
    }

    @Test
    void aRetriablePartitionErrorIsReportedAndThePartitionIsFetchedAgainOnlyAfterTheBackOff() {
        ConsumerFetch consumer = engine.newConsumer("a", TestContexts.DIRECT);
        List<ConsumerError> errors = new CopyOnWriteArrayList<>();
        consumer.errors().add(errors::add);
        consumer.consume(TOPIC, 0, new StartPosition(10));
        answer(error(0, Errors.NOT_LEADER_OR_FOLLOWER), 10);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ConsumerError.Kind.FETCH);
            assertThat(e.error()).isEqualTo("NOT_LEADER_OR_FOLLOWER");
            assertThat(e.offset()).isEqualTo(10);
            assertThat(e.retrying()).isTrue();
        });
        time.advance(FetchEngine.ERROR_BACKOFF_MS - 1);
        assertThat(network.waiting(FetchRequest.class)).isZero();
        time.advance(1);
        assertThat(offsets(network.take(FetchRequest.class))).containsExactly(10L);
    }

    @Test
    void aBrokenConnectionIsReportedOnceAndEveryPartitionOfTheRequestWaitsTheBackOff() {
        ConsumerFetch consumer = engine.newConsumer("a", TestContexts.DIRECT);
        List<ConsumerError> errors = new CopyOnWriteArrayList<>();
        consumer.errors().add(errors::add);
        consumer.pause(TOPIC); // so that both partitions go in one request
        consumer.consume(TOPIC, 0, new StartPosition(3));
        consumer.consume(TOPIC, 1, new StartPosition(4));
        consumer.resume(TOPIC);
        network.take(FetchRequest.class).fail();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.topic()).isNull();
            assertThat(e.retrying()).isTrue();
        });
        time.advance(FetchEngine.ERROR_BACKOFF_MS - 1);
        assertThat(network.waiting(FetchRequest.class)).isZero();
        time.advance(1);
        assertThat(offsets(network.take(FetchRequest.class))).containsExactly(3L, 4L);
    }

    @Test
    void anAuthorizationErrorStopsThePartitionAndSaysSo() {
        ConsumerFetch consumer = engine.newConsumer("a", TestContexts.DIRECT);
        List<ConsumerError> errors = new CopyOnWriteArrayList<>();
        consumer.errors().add(errors::add);
        consumer.consume(TOPIC, 0, new StartPosition(0));
        answer(error(0, (short) 29), 0); // TOPIC_AUTHORIZATION_FAILED

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.error()).isEqualTo("TOPIC_AUTHORIZATION_FAILED");
            assertThat(e.retrying()).isFalse();
        });
        time.advance(10_000);
        assertThat(network.waiting(FetchRequest.class)).isZero();
    }

    @Test
    void consumersOfOnePartitionTakeTurnsInARequestAndShareItWithOtherPartitions() {
        ConsumerFetch c = engine.newConsumer("c", TestContexts.DIRECT);
        ConsumerFetch d = engine.newConsumer("d", TestContexts.DIRECT);
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        ConsumerFetch b = engine.newConsumer("b", TestContexts.DIRECT);
        c.consume(TOPIC, 1, new StartPosition(7));
        d.consume(TOPIC, 1, new StartPosition(9));
        InMemoryConnections.Exchange<FetchResponse> laneZero = network.take(FetchRequest.class);
        InMemoryConnections.Exchange<FetchResponse> laneOne = network.take(FetchRequest.class);
        assertThat(offsets(laneZero)).containsExactly(7L);
        assertThat(offsets(laneOne)).as("a second fetch connection while the first waits").containsExactly(9L);
        a.consume(TOPIC, 0, new StartPosition(100));
        b.consume(TOPIC, 0, new StartPosition(500));
        assertThat(network.waiting(FetchRequest.class)).as("both of the broker's lanes are busy").isZero();

        laneZero.answer(response(empty(1)));
        InMemoryConnections.Exchange<FetchResponse> third = network.take(FetchRequest.class);
        assertThat(offsets(third)).as("partition 0 once per request").containsExactly(100L);
        laneOne.answer(response(empty(1)));
        // b's cursor of partition 0, never fetched, goes next, with c's partition 1 (delivered meanwhile).
        assertThat(offsets(network.take(FetchRequest.class))).containsExactlyInAnyOrder(500L, 7L);
    }

    @Test
    void aConsumerWhoseDeliveryExecutorRefusesWorkHoldsNeitherItsCursorsNorTheOtherConsumersOfItsRequest() {
        ConsumerFetch x = engine.newConsumer("x", TestContexts.DIRECT);
        ConsumerFetch y = engine.newConsumer("y", TestContexts.DIRECT);
        ConsumerFetch refusing = engine.newConsumer("refusing", task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        });
        ConsumerFetch other = engine.newConsumer("other", TestContexts.DIRECT);
        x.consume(TOPIC, 1, new StartPosition(7));
        y.consume(TOPIC, 1, new StartPosition(9));
        InMemoryConnections.Exchange<FetchResponse> laneZero = network.take(FetchRequest.class);
        network.take(FetchRequest.class); // lane one, y's: left unanswered
        refusing.consume(TOPIC, 0, new StartPosition(100));
        other.consume(TOPIC, 1, new StartPosition(300));
        laneZero.answer(response(empty(1)));
        InMemoryConnections.Exchange<FetchResponse> shared = network.take(FetchRequest.class);
        assertThat(offsets(shared)).as("one request for both").containsExactlyInAnyOrder(100L, 300L);
        shared.answer(response(empty(0), empty(1)));
        // Both cursors were released: each is fetched again (whichever of the two consumers came first in the answer).
        java.util.Set<Long> fetchedAgain = new java.util.HashSet<>();
        for (int round = 0; round < 6 && network.waiting(FetchRequest.class) > 0; round++) {
            InMemoryConnections.Exchange<FetchResponse> next = network.take(FetchRequest.class);
            fetchedAgain.addAll(offsets(next));
            next.answer(response(partitions(next).stream().map(FetchEngineTest::empty)
                    .toArray(FetchResponse.PartitionData[]::new)));
        }
        assertThat(fetchedAgain).contains(100L, 300L);
    }

    @Test
    void aPausedTopicIsNotFetchedAndResumesAtItsPosition() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        ConsumerFetch b = engine.newConsumer("b", TestContexts.DIRECT);
        a.pause(TOPIC);
        a.consume(TOPIC, 0, new StartPosition(20));
        b.consume(TOPIC, 1, new StartPosition(30));
        assertThat(offsets(network.take(FetchRequest.class))).as("only b's").containsExactly(30L);
        assertThat(network.waiting(FetchRequest.class)).as("a second lane is free, but a is paused").isZero();
        a.resume(TOPIC);
        assertThat(offsets(network.take(FetchRequest.class))).containsExactly(20L);
    }

    @Test
    void aPausedPartitionIsNotFetchedWhileTheOtherIsAndResumesAtItsPosition() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        a.pause(TOPIC, 0);
        a.consume(TOPIC, 0, new StartPosition(20));
        a.consume(TOPIC, 1, new StartPosition(30));
        InMemoryConnections.Exchange<FetchResponse> first = network.take(FetchRequest.class);
        assertThat(offsets(first)).as("partition 1 only").containsExactly(30L);
        first.answer(response(empty(1)));
        InMemoryConnections.Exchange<FetchResponse> second = network.take(FetchRequest.class);
        assertThat(offsets(second)).as("partition 1 only, again").containsExactly(30L);
        a.resume(TOPIC, 1); // not paused: nothing changes
        a.resume(TOPIC, 0);
        assertThat(network.waiting(FetchRequest.class)).as("goes with the consumer's next request").isZero();
        second.answer(response(empty(1)));
        assertThat(offsets(network.take(FetchRequest.class))).containsExactlyInAnyOrder(20L, 30L);
    }

    @Test
    void aPartitionPausedFromAListenerDeliversNothingMoreAndResumesAtTheNextUndeliveredRecord() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        a.received().add(r -> {
            delivered.add(r.offset());
            if (r.offset() == 1) {
                a.pause(TOPIC, 0);
            }
        });
        a.consume(TOPIC, 0, new StartPosition(0));
        answer(records(0, 0, 5), 0);
        assertThat(delivered).containsExactly(0L, 1L);
        assertThat(network.waiting(FetchRequest.class)).isZero();
        a.resume(TOPIC, 0);
        answer(records(0, 2, 3), 2);
        assertThat(delivered).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(processed(a)).containsEntry(new TopicPartition(TOPIC, 0), 5L);
    }

    @Test
    void aSeekFromAListenerDeliversTheRecordInHandAgainAndDoesNotCountItProcessed() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        a.received().add(r -> {
            delivered.add(r.offset());
            if (r.offset() == 2 && delivered.size() == 3) {
                a.seek(TOPIC, 0, 2); // handling it failed: see it again
            }
        });
        a.consume(TOPIC, 0, new StartPosition(0));
        answer(records(0, 0, 5), 0);
        assertThat(delivered).containsExactly(0L, 1L, 2L);
        assertThat(processed(a)).as("a commit must not pass the record sought back to")
                .containsEntry(new TopicPartition(TOPIC, 0), 2L);
        answer(records(0, 2, 3), 2);
        assertThat(delivered).containsExactly(0L, 1L, 2L, 2L, 3L, 4L);
        assertThat(processed(a)).containsEntry(new TopicPartition(TOPIC, 0), 5L);
    }

    @Test
    void aSeekDropsWhatTheOldPositionFetchedAndASeekOfAPartitionNotConsumedDoesNothing() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        a.received().add(r -> delivered.add(r.offset()));
        a.consume(TOPIC, 0, new StartPosition(10));
        InMemoryConnections.Exchange<FetchResponse> inFlight = network.take(FetchRequest.class);
        a.seek(TOPIC, 0, 100);
        a.seek(TOPIC, 1, 5); // never started: must not start
        assertThat(network.waiting(FetchRequest.class)).as("the sought cursor waits for the answer in flight").isZero();
        inFlight.answer(response(records(0, 10, 3)));
        assertThat(delivered).as("records of the old position").isEmpty();
        InMemoryConnections.Exchange<FetchResponse> next = network.take(FetchRequest.class);
        assertThat(offsets(next)).containsExactly(100L);
        assertThat(partitions(next)).containsExactly(0);
        next.answer(response(records(0, 100, 2)));
        assertThat(delivered).containsExactly(100L, 101L);
        assertThat(network.waiting(FetchRequest.class)).isEqualTo(1);
        assertThat(partitions(network.take(FetchRequest.class))).containsExactly(0);
    }

    @Test
    void anOutOfRangeResetKeepsWhatWasProcessed() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        a.consume(TOPIC, 0, new StartPosition(0));
        answer(records(0, 0, 3), 0);
        answer(error(0, Errors.OFFSET_OUT_OF_RANGE), 3);
        assertThat(network.waiting(ListOffsetsRequest.class)).as("looking up where to go").isEqualTo(1);
        assertThat(processed(a)).containsEntry(new TopicPartition(TOPIC, 0), 3L);
    }

    @Test
    void onceAResetBelowWhatWasProcessedIsResolvedCommitsCarryTheNewPositionAndTheResetIsCounted() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        a.consume(TOPIC, 0, new StartPosition(0));
        answer(records(0, 0, 5), 0);
        answer(error(0, Errors.OFFSET_OUT_OF_RANGE), 5);
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        assertThat(a.resets(tp)).as("not before the new position is known").isZero();
        answerListOffsets(2); // the log starts at 2 now: it was truncated, or the topic created again
        assertThat(processed(a)).as("the new position, below what was processed").containsEntry(tp, 2L);
        assertThat(a.resets(tp)).isEqualTo(1);
        answer(records(0, 2, 1), 2);
        assertThat(processed(a)).containsEntry(tp, 3L);
    }

    @Test
    void withMarkedCommitsAResetBelowTheHighestMarkForgetsIt() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        a.commitMarkedOnly(true);
        a.consume(TOPIC, 0, new StartPosition(0));
        answer(records(0, 0, 5), 0);
        a.markProcessed(TOPIC, 0, 4);
        answer(error(0, Errors.OFFSET_OUT_OF_RANGE), 5);
        answerListOffsets(0);
        assertThat(processed(a)).as("the old log's mark is gone").isEmpty();
        answer(records(0, 0, 2), 0);
        a.markProcessed(TOPIC, 0, 1);
        assertThat(processed(a)).containsExactly(Map.entry(new TopicPartition(TOPIC, 0), 2L));
    }

    private void answerListOffsets(long offset) {
        InMemoryConnections.Exchange<ListOffsetsResponse> lookup = network.take(ListOffsetsRequest.class);
        lookup.answer(new ListOffsetsResponse(List.of(new ListOffsetsResponse.PartitionOffset(TOPIC, 0, Errors.NONE,
                -1, offset, -1)), 0));
    }

    @Test
    void withMarkedCommitsTheHighestMarkCountsAndAGiveUpRunsItsTaskFirstThenForgetsMarksAndPauses() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        a.commitMarkedOnly(true);
        a.consume(TOPIC, 0, new StartPosition(0));
        answer(records(0, 0, 5), 0);
        assertThat(processed(a)).as("delivered, not marked").isEmpty();
        a.markProcessed(TOPIC, 0, 3);
        a.markProcessed(TOPIC, 0, 1); // lower: ignored
        assertThat(processed(a)).containsExactly(Map.entry(new TopicPartition(TOPIC, 0), 4L));

        a.pause(TOPIC, 0);
        List<TopicPartition> both = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
        List<String> order = new CopyOnWriteArrayList<>();
        Map<TopicPartition, Long> drained = a.stopAndDrain(both, () -> {
            order.add(a.isDeliveryThread() ? "task as a listener" : "task elsewhere");
            a.markProcessed(TOPIC, 1, 7);
        }).join();
        assertThat(order).containsExactly("task as a listener");
        assertThat(drained).containsOnly(Map.entry(new TopicPartition(TOPIC, 0), 4L),
                Map.entry(new TopicPartition(TOPIC, 1), 8L));
        assertThat(processed(a)).as("marks of partitions given up are forgotten").isEmpty();

        network.take(FetchRequest.class).answer(response(empty(0)));
        a.consume(TOPIC, 0, new StartPosition(50));
        assertThat(offsets(network.take(FetchRequest.class))).as("assigned again, unpaused").containsExactly(50L);
    }

    @Test
    void aTaskBeforeTheCommitThatThrowsDoesNotStopTheGiveUp() {
        ConsumerFetch a = engine.newConsumer("a", TestContexts.DIRECT);
        a.consume(TOPIC, 0, new StartPosition(0));
        answer(records(0, 0, 2), 0);
        assertThat(a.stopAndDrain(List.of(new TopicPartition(TOPIC, 0)), () -> {
            throw new IllegalStateException("listener bug");
        }).join()).containsOnly(Map.entry(new TopicPartition(TOPIC, 0), 2L));
    }

    private Map<TopicPartition, Long> processed(ConsumerFetch consumer) {
        return consumer.processedOffsets(List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1))).join();
    }

    /** A partition's records {@code base}..{@code base + count - 1}, as a broker answers them. */
    private static FetchResponse.PartitionData records(int partition, long base, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(1_700_000_000_000L, null, Long.toString(base + i).getBytes());
        }
        ByteBuffer bytes = MemoryRecords.withRecords(base, Compression.NONE, records).buffer();
        return new FetchResponse.PartitionData(TOPIC, partition, Errors.NONE, base + count, base + count, 0, bytes,
                List.of(), -1, -1, -1);
    }

    private static List<Integer> partitions(InMemoryConnections.Exchange<FetchResponse> fetch) {
        return ((FetchRequest) fetch.request()).topics().stream().flatMap(t -> t.partitions().stream())
                .map(FetchRequest.Partition::partition).toList();
    }

    private void answer(FetchResponse.PartitionData data, long expectedOffset) {
        InMemoryConnections.Exchange<FetchResponse> fetch = network.take(FetchRequest.class);
        assertThat(offsets(fetch)).containsExactly(expectedOffset);
        fetch.answer(response(data));
    }

    private static List<Long> offsets(InMemoryConnections.Exchange<FetchResponse> fetch) {
        return ((FetchRequest) fetch.request()).topics().stream().flatMap(t -> t.partitions().stream())
                .map(FetchRequest.Partition::fetchOffset).toList();
    }

    private static FetchResponse response(FetchResponse.PartitionData... partitions) {
        return new FetchResponse(Errors.NONE, List.of(partitions), 0, 0, ByteBuffer.allocate(0));
    }

    private static FetchResponse.PartitionData error(int partition, short code) {
        return new FetchResponse.PartitionData(TOPIC, partition, code, -1, -1, -1, ByteBuffer.allocate(0), List.of(),
                -1, -1, -1);
    }

    private static FetchResponse.PartitionData empty(int partition) {
        return error(partition, Errors.NONE);
    }
}
