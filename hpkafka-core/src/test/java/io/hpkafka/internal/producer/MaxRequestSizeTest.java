package io.hpkafka.internal.producer;

import io.hpkafka.config.Configuration;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.message.ProduceRequest;
import io.hpkafka.internal.protocol.record.RecordSizes;
import io.hpkafka.producer.DiscardReason;
import io.hpkafka.producer.ProduceAcknowledged;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProduceExpired;
import io.hpkafka.serialization.MemorySerializable;
import io.hpkafka.serialization.SerializationConfig;
import io.hpkafka.testing.InMemoryConnections;
import io.hpkafka.testing.ManualTime;
import io.hpkafka.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code maxRequestSizeBytes} with a manual clock and an in-memory connection layer: records too large are refused at
 * produce from their sizes, and Produce requests never carry more record batch bytes than the limit. The broker
 * side of the same is in {@code io.hpkafka.producer.RecordTooLargeTest}.
 */
class MaxRequestSizeTest {

    private static final int MAX = 2048;
    /** Produce v9: record batch v2, as every supported broker speaks. */
    private static final short PRODUCE_VERSION = 9;

    private final ManualTime time = new ManualTime();
    private final InMemoryConnections network = new InMemoryConnections().topic("t", 3);
    private final EventListeners<ProduceAcknowledged> acknowledged = new EventListeners<>("acknowledged");
    private final EventListeners<ProduceDiscarded> discarded = new EventListeners<>("discarded");
    private final EventListeners<ProduceExpired> expired = new EventListeners<>("expired");
    private final List<ProduceDiscarded> discards = new CopyOnWriteArrayList<>();

    private ProducerEngine engine(Configuration.Builder config) {
        discarded.add(discards::add);
        ClientContext context = TestContexts.context(config.maxRequestSizeBytes(MAX).produceBatchSize(1000)
                .produceBufferingTime(Duration.ofSeconds(1)).build(), time, network);
        return new ProducerEngine(context, acknowledged, discarded, expired);
    }

    @Test
    void aRequestLeavesBeforeItsBatchesWouldPassMaxRequestSizeAndCarriesSeveralRecords() {
        ProducerEngine producer = engine(TestContexts.configuration());
        producer.produce("t", 1, null, new byte[200]);
        time.runDue(); // the metadata the first record of a topic waits for
        for (int i = 1; i < 40; i++) {
            producer.produce("t", i % 2, null, new byte[200]);
        }
        time.advance(1000); // the last request leaves at its buffering time

        List<Sent> requests = takeProduceRequests();
        assertThat(requests).hasSizeGreaterThan(1);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.batchBytes).isLessThanOrEqualTo(MAX);
            assertThat(r.records).isGreaterThan(1);
        });
        assertThat(requests.stream().mapToInt(r -> r.records).sum()).isEqualTo(40);
        assertThat(discards).isEmpty();
    }

    @Test
    void valuesSerializedAtSendTimeAreCutIntoRequestsWithinTheLimit() {
        // A user serializer: the value's size is unknown until it runs when the batch is sent.
        SerializationConfig serialization = SerializationConfig.builder()
                .defaultSerializers(SerializationConfig.DEFAULT_SERIALIZER,
                        (topic, value) -> ((String) value).getBytes(StandardCharsets.UTF_8))
                .build();
        ProducerEngine producer = engine(TestContexts.configuration().serializationConfig(serialization));
        producer.produce("t", null, "first", 1, List.of(), -1);
        time.runDue();
        for (int i = 1; i < 40; i++) {
            producer.produce("t", null, "v".repeat(200), 1, List.of(), -1);
        }
        time.advance(1000);

        List<Sent> requests = takeProduceRequests();
        assertThat(requests).hasSizeGreaterThan(1);
        assertThat(requests).allSatisfy(r -> assertThat(r.batchBytes).isLessThanOrEqualTo(MAX));
        assertThat(requests).filteredOn(r -> r.records > 1).hasSizeGreaterThan(1);
        assertThat(requests.stream().mapToInt(r -> r.records).sum()).isEqualTo(40);
    }

    @Test
    void aRecordLargerThanMaxRequestSizeIsRefusedAtProduceNamingTheSizesAndNeverSent() {
        ProducerEngine producer = engine(TestContexts.configuration());
        assertThat(producer.produce("t", 1, new byte[10], new byte[5000])).isFalse();
        assertThat(discards).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.RECORD_TOO_LARGE);
            assertThat(d.error()).contains("value 5000 bytes", "key 10 bytes", "maxRequestSizeBytes=2048 bytes",
                    "up to " + (RecordSizes.BATCH_OVERHEAD + RecordSizes.MAX_RECORD_OVERHEAD + 1 + 10 + 2 + 5000 + 1));
        });
        assertThat(producer.pendingCount()).isZero();
        time.advance(2000);
        assertThat(network.waiting(ProduceRequest.class)).isZero();
    }

    @Test
    void aRecordExactlyAtTheLimitIsAcceptedAndOneByteMoreIsNot() {
        ProducerEngine producer = engine(TestContexts.configuration());
        int overhead = RecordSizes.BATCH_OVERHEAD + RecordSizes.MAX_RECORD_OVERHEAD + 1 + 2 + 1; // key, length, headers
        assertThat(producer.produce("t", 1, null, new byte[MAX - overhead])).isTrue();
        assertThat(producer.produce("t", 1, null, new byte[MAX - overhead + 1])).isFalse();
        assertThat(discards).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DiscardReason.RECORD_TOO_LARGE));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMemorySerializableClaimingNearlyTwoGibibytesIsRefusedWithoutBeingWritten(boolean serializeOnProduce) {
        ProducerEngine producer = engine(TestContexts.configuration().serializationConfig(
                SerializationConfig.builder().serializeOnProduce(serializeOnProduce).build()));
        assertThat(producer.produce("t", "key", claiming(Integer.MAX_VALUE - 10), 1, List.of(), -1)).isFalse();
        assertThat(discards).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.RECORD_TOO_LARGE);
            assertThat(d.error()).contains("value " + (Integer.MAX_VALUE - 10) + " bytes");
        });
        assertThat(producer.pendingCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMemorySerializableAnnouncingANegativeSizeIsAnInvalidRecord(boolean serializeOnProduce) {
        ProducerEngine producer = engine(TestContexts.configuration().serializationConfig(
                SerializationConfig.builder().serializeOnProduce(serializeOnProduce).build()));
        assertThat(producer.produce("t", null, claiming(-5), 1, List.of(), -1)).isFalse();
        assertThat(discards).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.INVALID_RECORD);
            assertThat(d.error()).contains("serializedSize() returned -5");
        });
    }

    @Test
    void aValueGrowingPastTheLimitAfterProduceIsDiscardedAloneWhenItsBatchIsSent() {
        ProducerEngine producer = engine(TestContexts.configuration());
        producer.produce("t", 1, null, new byte[1]);
        time.runDue();
        int[] size = {10};
        MemorySerializable growing = new MemorySerializable() {
            @Override
            public int serializedSize() {
                return size[0];
            }

            @Override
            public void serialize(ByteBuffer target) {
                target.put(new byte[size[0]]);
            }
        };
        assertThat(producer.produce("t", null, growing, 1, List.of(), -1)).isTrue();
        producer.produce("t", 1, null, new byte[2]);
        size[0] = Integer.MAX_VALUE - 10; // the contract says exact; a broken value must not fail its neighbours
        time.advance(1000);

        assertThat(discards).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DiscardReason.RECORD_TOO_LARGE));
        List<Sent> requests = takeProduceRequests();
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.records).isEqualTo(2));
    }

    /** A Produce request taken from the network: record batch bytes and records, counted by encoding its batches. */
    private record Sent(long batchBytes, int records) {
    }

    private List<Sent> takeProduceRequests() {
        List<Sent> sent = new ArrayList<>();
        while (network.waiting(ProduceRequest.class) > 0) {
            ProduceRequest request = (ProduceRequest) network.take(ProduceRequest.class).request();
            long bytes = 0;
            int records = 0;
            for (ProduceRequest.TopicData topic : request.topics()) {
                for (ProduceRequest.PartitionData partition : topic.partitions()) {
                    ProtocolWriter w = new ProtocolWriter(1024);
                    partition.batch().writeBatch(w, PRODUCE_VERSION);
                    bytes += w.position();
                    records += ByteBuffer.wrap(w.array()).getInt(57); // recordCount of record batch v2
                }
            }
            sent.add(new Sent(bytes, records));
        }
        return sent;
    }

    private static MemorySerializable claiming(int size) {
        return new MemorySerializable() {
            @Override
            public int serializedSize() {
                return size;
            }

            @Override
            public void serialize(ByteBuffer target) {
                throw new AssertionError("a value claiming " + size + " bytes must not be written");
            }
        };
    }
}
