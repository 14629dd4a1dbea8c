package io.hpkafka.internal.network;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.Compatibility;
import io.hpkafka.config.BrokerAddress;
import io.hpkafka.producer.DiscardReason;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.message.FetchRequest;
import io.hpkafka.internal.protocol.message.ListOffsetsRequest;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Kafka 4.x removed the APIs and message formats the legacy compatibility modes pin (KIP-896): asking it for one
 * gives a clear, non-retried error naming the option, never a dead connection or a hang.
 */
@HpKafkaCluster
class LegacyModeOnKafka4Test {

    @ParameterizedTest
    @EnumSource(value = Compatibility.class, names = {"V0_8_2", "V0_10_1"})
    void producingInALegacyModeIsDiscardedWithAnErrorNamingTheOption(Compatibility mode, KafkaTestCluster kafka) {
        String topic = "legacy-on-4-" + mode.name().toLowerCase(Locale.ROOT);
        kafka.createTopic(topic, 1, 1);
        Configuration config = Configuration.builder()
                .seeds(kafka.bootstrapServers())
                .clientId("legacy-on-kafka-4")
                .compatibility(mode)
                .produceBufferingTime(Duration.ofMillis(5))
                .messageTtl(Duration.ofSeconds(30))
                .build();
        ConcurrentLinkedQueue<ProduceDiscarded> discarded = new ConcurrentLinkedQueue<>();
        try (ClusterClient client = new ClusterClient(config)) {
            client.onDiscarded(discarded::add);
            assertThat(client.produce(topic, "k".getBytes(StandardCharsets.UTF_8),
                    "v".getBytes(StandardCharsets.UTF_8))).isTrue();
            await().atMost(20, TimeUnit.SECONDS).until(() -> !discarded.isEmpty());
        }
        ProduceDiscarded event = discarded.peek();
        assertThat(event.reason()).isEqualTo(DiscardReason.BROKER_ERROR);
        assertThat(event.error())
                .contains("compatibility=" + mode + " is not served by broker")
                .contains("Kafka 4.x removed")
                .contains("compatibility=NEGOTIATE");
    }

    @ParameterizedTest
    @EnumSource(value = Compatibility.class, names = {"V0_8_2", "V0_10_1"})
    void fetchAndListOffsetsFailClearlyAndTheConnectionStaysUsable(Compatibility mode, KafkaTestCluster kafka)
            throws Exception {
        String topic = "legacy-on-4-fetch-" + mode.name().toLowerCase(Locale.ROOT);
        kafka.createTopic(topic, 1, 1);
        IoLoop loop = new IoLoop("legacy-on-4");
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        try {
            BrokerConnection connection = new BrokerConnection(-1,
                    BrokerAddress.parseList("seeds", kafka.bootstrapServers()).get(0), loop,
                    new ConnectionSettings("legacy-on-4", 5, 10_000, 64 * 1024, 64 * 1024, 16 * 1024 * 1024,
                            callbacks, mode));
            // Metadata v0 / v2 is still served: the connection works
            assertThat(connection.send(new MetadataRequest(List.of(topic), false)).get(10, TimeUnit.SECONDS)
                    .topics()).hasSize(1);

            Throwable listOffsets = catchThrowable(() -> connection.send(
                    new ListOffsetsRequest(topic, 0, ListOffsetsRequest.EARLIEST)).get(10, TimeUnit.SECONDS));
            Throwable fetch = catchThrowable(() -> connection.send(new FetchRequest(100, 1, 1 << 20,
                    List.of(new FetchRequest.Topic(topic, List.of(new FetchRequest.Partition(0, 0, 1 << 20))))))
                    .get(10, TimeUnit.SECONDS));
            assertThat(fetch).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageContaining("compatibility=" + mode + " is not served by broker")
                    .hasMessageContaining("FETCH v" + ApiKey.FETCH.pinnedVersion(mode));
            if (mode == Compatibility.V0_8_2) { // ListOffsets v1 is still served, v0 is not
                assertThat(listOffsets).isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(UnsupportedVersionException.class)
                        .hasMessageContaining("LIST_OFFSETS v0");
            } else {
                assertThat(listOffsets).isNull();
            }
            // ... and afterwards the connection still answers
            assertThat(connection.send(new MetadataRequest(List.of(topic), false)).get(10, TimeUnit.SECONDS)
                    .topics()).hasSize(1);
            connection.close();
        } finally {
            loop.close();
            callbacks.shutdownNow();
        }
    }
}
