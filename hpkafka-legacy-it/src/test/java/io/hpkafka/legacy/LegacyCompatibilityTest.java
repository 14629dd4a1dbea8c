package io.hpkafka.legacy;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.Compatibility;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.KafkaBrokerProcess;
import io.hpkafka.record.TimestampType;
import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.network.BrokerConnection;
import io.hpkafka.internal.network.ConnectionSettings;
import io.hpkafka.internal.network.IoLoop;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy {@link Compatibility} modes against a real Kafka 3.9.1 broker (a separate process): what hpkafka
 * produces in each mode with each codec comes back through hpkafka in the same mode and across formats (the
 * broker converts between message formats v0/v1 and record batch v2 on append and on old Fetch versions).
 */
class LegacyCompatibilityTest {

    private static final int RECORDS = 120;
    private static final long T0 = 1_700_000_000_000L;

    private static KafkaBrokerProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        // Kafka 3.9.1, the last release line that serves message formats v0/v1 and Produce v0-2 / Fetch v0-3.
        broker = KafkaBrokerProcess.builder().brokerProperty("auto.create.topics.enable", "true").start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    static Stream<Arguments> modesAndCodecs() {
        List<Arguments> out = new ArrayList<>();
        for (Compatibility mode : Compatibility.values()) {
            for (CompressionCodec codec : List.of(CompressionCodec.NONE, CompressionCodec.GZIP,
                    CompressionCodec.SNAPPY)) {
                out.add(Arguments.of(mode, codec));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("modesAndCodecs")
    void producedRecordsComeBackInTheSameModeAndAcrossFormats(Compatibility mode, CompressionCodec codec)
            throws Exception {
        String topic = "legacy-" + mode.name().toLowerCase(Locale.ROOT) + "-" + codec.name().toLowerCase(Locale.ROOT);
        try (ClusterClient producer = new ClusterClient(config(mode, codec))) {
            AtomicLong acknowledged = new AtomicLong();
            ConcurrentLinkedQueue<ProduceDiscarded> discarded = new ConcurrentLinkedQueue<>();
            producer.onAcknowledged(a -> acknowledged.addAndGet(a.recordCount()));
            producer.onDiscarded(discarded::add);
            for (int i = 0; i < RECORDS; i++) {
                assertThat(producer.produce(new ProducerRecord(topic, 0, key(i), value(i), List.of(), T0 + i)))
                        .isTrue();
            }
            await(() -> acknowledged.get() + discarded.size() == RECORDS, "acknowledgements");
            assertThat(discarded).isEmpty();
            assertThat(acknowledged.get()).isEqualTo(RECORDS);

            check(consume(producer, topic), mode, mode);
        }
        // The other format: legacy-written records read as record batches v2, and v2 ones down-converted to v0.
        Compatibility reader = mode == Compatibility.NEGOTIATE ? Compatibility.V0_8_2 : Compatibility.NEGOTIATE;
        try (ClusterClient consumer = new ClusterClient(config(reader, CompressionCodec.NONE))) {
            check(consume(consumer, topic), mode, reader);
        }
    }

    @Test
    void eachModeSendsTheVersionsItPins() throws Exception {
        IoLoop loop = new IoLoop("legacy-pinning");
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        try {
            BrokerAddress address = BrokerAddress.parseList("seeds", broker.bootstrapServers()).get(0);
            for (Compatibility mode : Compatibility.values()) {
                BrokerConnection connection = new BrokerConnection(-1, address, loop, new ConnectionSettings(
                        "legacy-pinning", 5, 10_000, 64 * 1024, 64 * 1024, 16 * 1024 * 1024, callbacks, mode));
                MetadataResponse metadata = connection.send(new MetadataRequest(null, false)).get(10, TimeUnit.SECONDS);
                assertThat(metadata.brokers()).as("%s", mode).hasSize(1);
                assertThat(metadata.topics()).allSatisfy(t -> assertThat(t.errorCode()).isEqualTo(Errors.NONE));
                short[] expected = switch (mode) {
                    case V0_8_2 -> new short[] {0, 0, 0, 0};
                    case V0_10_1 -> new short[] {2, 3, 1, 2};
                    case NEGOTIATE -> new short[] {11, 12, 9, 12}; // Kafka 3.9: Produce 0-11, our maxima elsewhere
                };
                assertThat(new short[] {connection.negotiatedVersion(ApiKey.PRODUCE),
                        connection.negotiatedVersion(ApiKey.FETCH), connection.negotiatedVersion(ApiKey.LIST_OFFSETS),
                        connection.negotiatedVersion(ApiKey.METADATA)}).as("%s", mode).containsExactly(expected);
                connection.close();
            }
        } finally {
            loop.close();
            callbacks.shutdownNow();
        }
    }

    private static Configuration config(Compatibility mode, CompressionCodec codec) {
        return Configuration.builder()
                .seeds(broker.bootstrapServers())
                .clientId("legacy-it-" + mode)
                .compatibility(mode)
                .compressionCodec(codec)
                .produceBatchSize(25) // several message sets (wrappers when compressed) per partition
                .produceBufferingTime(Duration.ofMillis(5))
                .build();
    }

    private static List<KafkaRecord> consume(ClusterClient client, String topic) throws InterruptedException {
        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        client.onMessageReceived(received::add);
        client.consumeFromEarliest(topic, 0);
        await(() -> received.size() >= RECORDS, "records of " + topic);
        Thread.sleep(100); // a duplicate, if any, would arrive now
        return new ArrayList<>(received);
    }

    /** Offsets 0.., keys, values, and timestamps as the writer's and reader's formats allow. */
    private static void check(Collection<KafkaRecord> received, Compatibility writer, Compatibility reader) {
        assertThat(received).hasSize(RECORDS);
        int i = 0;
        for (KafkaRecord r : received) {
            assertThat(r.offset()).isEqualTo(i);
            assertThat(r.key()).isEqualTo(key(i));
            assertThat(r.value()).isEqualTo(value(i));
            assertThat(r.headers()).isEmpty();
            assertThat(r.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            if (writer == Compatibility.V0_8_2 || reader == Compatibility.V0_8_2) {
                assertThat(r.timestamp()).as("message format v0 has no timestamp").isEqualTo(-1L);
            } else {
                assertThat(r.timestamp()).isEqualTo(T0 + i);
            }
            i++;
        }
    }

    private static byte[] key(int i) {
        return i % 10 == 0 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        if (i % 17 == 16) {
            return null; // a tombstone
        }
        return ("value-" + i + "-" + "x".repeat(i % 50)).getBytes(StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
