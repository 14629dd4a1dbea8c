package io.hpkafka.network;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.proxy.FaultProxy;
import io.hpkafka.test.proxy.FrameFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Produce and Fetch responses damaged on the wire by a proxy between the client and the broker (a frame replaced
 * by random bytes, a flipped byte, a frame cut in half): whatever the damage, every produced record still ends
 * acknowledged, discarded or expired, and the consumer goes on fetching and delivers each offset exactly once.
 */
class CorruptResponsesTest {

    private static final int PRODUCE_API = 0;
    private static final int FETCH_API = 1;

    private static EmbeddedKafkaCluster kafka;
    private static FaultProxy proxy;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaCluster.builder().faultProxies().build().start();
        proxy = kafka.faultProxy(0);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @AfterEach
    void heal() {
        proxy.heal();
    }

    @ParameterizedTest
    @EnumSource(FrameFault.class)
    void everyProducedRecordEndsWhenAProduceResponseIsDamaged(FrameFault fault) {
        String topic = "corrupt-produce-" + fault.name().toLowerCase();
        kafka.createTopic(topic, 1, 1);
        int records = 2_000;
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong discarded = new AtomicLong();
        AtomicLong expired = new AtomicLong();
        try (ClusterClient client = new ClusterClient(config("corrupt-produce"))) {
            client.onAcknowledged(a -> acknowledged.addAndGet(a.recordCount()));
            client.onDiscarded(d -> discarded.incrementAndGet());
            client.onExpired(e -> expired.incrementAndGet());
            client.produce(topic, null, value(-1));
            await().atMost(30, TimeUnit.SECONDS).until(() -> acknowledged.get() == 1); // connected, metadata known
            proxy.toClient().corrupt(fault, 1, PRODUCE_API);
            for (int i = 0; i < records; i++) {
                client.produce(topic, null, value(i));
            }
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
                assertThat(proxy.toClient().pendingCorruptions()).isZero();
                assertThat(acknowledged.get() + discarded.get() + expired.get()).isEqualTo(records + 1);
            });
            // The connection was reset and the client still produces on it afterwards.
            long before = acknowledged.get();
            client.produce(topic, null, value(records));
            await().atMost(30, TimeUnit.SECONDS).until(() -> acknowledged.get() == before + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(FrameFault.class)
    void theConsumerKeepsFetchingWhenAFetchResponseIsDamaged(FrameFault fault) {
        String topic = "corrupt-fetch-" + fault.name().toLowerCase();
        kafka.createTopic(topic, 1, 1);
        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        try (ClusterClient producer = new ClusterClient(config("corrupt-fetch-producer"));
                ClusterClient consumer = new ClusterClient(config("corrupt-fetch-consumer"))) {
            consumer.onMessageReceived(received::add);
            consumer.consumeFromEarliest(topic, 0);
            int batch = 500;
            produce(producer, topic, 0, batch);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() == batch);
            // Damage the next Fetch response, which carries the next records produced.
            proxy.toClient().corrupt(fault, 1, FETCH_API);
            produce(producer, topic, batch, batch);
            await().atMost(60, TimeUnit.SECONDS).until(() -> proxy.toClient().pendingCorruptions() == 0);
            produce(producer, topic, 2 * batch, batch);
            await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= 3 * batch);
            List<KafkaRecord> list = List.copyOf(received);
            assertThat(list).hasSize(3 * batch);
            for (int i = 0; i < list.size(); i++) {
                assertThat(list.get(i).offset()).as("offset at %d", i).isEqualTo(i);
                assertThat(ByteBuffer.wrap(list.get(i).value()).getInt()).isEqualTo(i);
            }
        }
    }

    private static void produce(ClusterClient producer, String topic, int from, int count) {
        AtomicLong acknowledged = new AtomicLong();
        try (var registration = producer.onAcknowledged(a -> acknowledged.addAndGet(a.recordCount()))) {
            for (int i = from; i < from + count; i++) {
                producer.produce(topic, null, value(i));
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> acknowledged.get() == count);
        }
    }

    private static Configuration config(String clientId) {
        return Configuration.builder().seeds(proxy.address()).clientId(clientId)
                .produceBatchSize(100).produceBufferingTime(Duration.ofMillis(5))
                .consumeBufferingTime(Duration.ofMillis(5))
                .requestTimeoutMs(3_000).clientRequestTimeoutMs(5_000)
                .messageTtl(Duration.ofSeconds(20)).build();
    }

    private static byte[] value(int i) {
        return ByteBuffer.allocate(64).putInt(0, i).array();
    }
}
