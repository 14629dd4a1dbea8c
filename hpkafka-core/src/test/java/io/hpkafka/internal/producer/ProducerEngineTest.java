package io.hpkafka.internal.producer;

import io.hpkafka.producer.ProduceAcknowledged;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProduceExpired;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.ProduceRequest;
import io.hpkafka.internal.protocol.message.ProduceResponse;
import io.hpkafka.testing.InMemoryConnections;
import io.hpkafka.testing.ManualTime;
import io.hpkafka.testing.TestContexts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Produce routing with a manual clock and an in-memory connection layer: a batch waits exactly
 * {@code produceBufferingTime} for more records, and a record whose topic never appears expires after
 * {@code messageTtl} with its last error. The same paths run against a real broker in {@code ProducerTest} and
 * {@code ProducerFaultTest}.
 */
class ProducerEngineTest {

    private final ManualTime time = new ManualTime();
    private final InMemoryConnections network = new InMemoryConnections().topic("t", 3);
    private final EventListeners<ProduceAcknowledged> acknowledged = new EventListeners<>("acknowledged");
    private final EventListeners<ProduceDiscarded> discarded = new EventListeners<>("discarded");
    private final EventListeners<ProduceExpired> expired = new EventListeners<>("expired");

    private ProducerEngine engine(ClientContext context) {
        return new ProducerEngine(context, acknowledged, discarded, expired);
    }

    @Test
    void aBatchLeavesWhenTheBufferingTimeHasPassedAndNotBefore() {
        ProducerEngine producer = engine(TestContexts.context(TestContexts.configuration()
                .produceBufferingTime(Duration.ofMillis(20)).produceBatchSize(1000).build(), time, network));
        List<ProduceAcknowledged> acks = new CopyOnWriteArrayList<>();
        acknowledged.add(acks::add);
        producer.produce("t", 1, null, new byte[] {1});
        time.runDue(); // the metadata the first record of a topic waits for
        producer.produce("t", 1, null, new byte[] {2});

        time.advance(19);
        assertThat(network.waiting(ProduceRequest.class)).isZero();
        time.advance(1);
        InMemoryConnections.Exchange<ProduceResponse> produce = network.take(ProduceRequest.class);
        assertThat(((ProduceRequest) produce.request()).topics()).singleElement()
                .satisfies(t -> assertThat(t.partitions()).singleElement()
                        .satisfies(p -> assertThat(p.partition()).isEqualTo(1)));
        produce.answer(new ProduceResponse(List.of(new ProduceResponse.PartitionResult("t", 1, Errors.NONE, 42, -1, -1,
                null, -1, -1)), 0, List.of()));

        assertThat(acks).singleElement().isEqualTo(new ProduceAcknowledged("t", 1, 42, 2));
        assertThat(producer.pendingCount()).isZero();
    }

    @Test
    void aRecordWaitingForItsTopicStaysAheadOfTheNextOnesWhenTheTopicAppearsMeanwhile() throws Exception {
        ClientContext context = TestContexts.context(TestContexts.configuration()
                .produceBufferingTime(Duration.ofMillis(20)).produceBatchSize(1000).build(), time, network);
        ProducerEngine producer = engine(context);
        CompletableFuture<RecordMetadata> first = producer.send(record("late", 0, (byte) 1));
        // The topic appears and the client learns it by another request (a partitionsFor, a periodic refresh)
        // before the refresh the waiting record asked for has answered.
        network.topic("late", 1);
        context.metadata().refresh("late");
        CompletableFuture<RecordMetadata> second = producer.send(record("late", 0, (byte) 2));
        CompletableFuture<RecordMetadata> third = producer.send(record("late", 0, (byte) 3));
        time.advance(200);

        InMemoryConnections.Exchange<ProduceResponse> produce = network.take(ProduceRequest.class);
        produce.answer(new ProduceResponse(List.of(new ProduceResponse.PartitionResult("late", 0, Errors.NONE, 10, -1,
                -1, null, -1, -1)), 0, List.of()));
        while (network.waiting(ProduceRequest.class) > 0) { // should the records have gone in several requests
            network.take(ProduceRequest.class).answer(new ProduceResponse(List.of(new ProduceResponse.PartitionResult(
                    "late", 0, Errors.NONE, 20, -1, -1, null, -1, -1)), 0, List.of()));
        }
        assertThat(List.of(first.get(1, TimeUnit.SECONDS).offset(), second.get(1, TimeUnit.SECONDS).offset(),
                third.get(1, TimeUnit.SECONDS).offset())).as("offsets in produce order").isSorted();
    }

    private static ProducerRecord record(String topic, int partition, byte value) {
        return new ProducerRecord(topic, partition, null, new byte[] {value}, List.of(), ProducerRecord.NO_TIMESTAMP);
    }

    @Test
    void aRecordWhoseTopicNeverAppearsExpiresAfterTheMessageTtlWithItsLastError() {
        ProducerEngine producer = engine(TestContexts.context(TestContexts.configuration()
                .messageTtl(Duration.ofSeconds(1)).build(), time, network));
        List<ProduceExpired> expirations = new CopyOnWriteArrayList<>();
        expired.add(expirations::add);
        producer.produce("missing", -1, null, new byte[] {1});
        time.runDue();

        time.advance(900);
        assertThat(expirations).isEmpty();
        assertThat(producer.pendingCount()).isEqualTo(1);
        time.advance(200); // metadata is asked again every 100 ms; the first answer after the TTL ends it
        assertThat(expirations).singleElement()
                .satisfies(e -> assertThat(e.lastError()).isEqualTo("UNKNOWN_TOPIC_OR_PARTITION"));
        assertThat(producer.pendingCount()).isZero();
        assertThat(network.waiting(MetadataRequest.class)).isZero();
    }
}
