package io.hpkafka.internal.consumer;

import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.FetchRequest;
import io.hpkafka.internal.protocol.message.FetchResponse;
import io.hpkafka.testing.InMemoryConnections;
import io.hpkafka.testing.ManualTime;
import io.hpkafka.testing.TestContexts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fetch positions of several consumers with a manual clock and an in-memory connection layer: the back-off after an
 * error, what is reported on the error channel, and consumers of one partition taking turns. The same paths run against
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
