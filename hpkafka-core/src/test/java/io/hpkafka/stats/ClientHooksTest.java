package io.hpkafka.stats;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.producer.DiscardReason;
import io.hpkafka.record.Header;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link ClientHooks} against a real broker: the numbers the client reports per batch, request and fetch. */
@HpKafkaCluster
class ClientHooksTest {

    private static final int RECORDS = 300;

    @Test
    void hooksSeeEveryProducedAndFetchedRecordWithItsBytesLatencyAndLag(KafkaTestCluster kafka) {
        String topic = "hooks-numbers";
        kafka.createTopic(topic, 2, 1);
        Recording hooks = new Recording();
        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        try (ClusterClient client = new ClusterClient(configuration(kafka).addHooks(hooks).build())) {
            for (int i = 0; i < RECORDS; i++) {
                client.produce(topic, ("k" + i).getBytes(StandardCharsets.UTF_8), new byte[100]);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> hooks.acknowledged.get() == RECORDS);
            assertThat(hooks.written.get()).isEqualTo(RECORDS); // nothing retried against a healthy broker
            assertThat(hooks.writtenBytes.get()).isEqualTo(client.statistics().bytesSent())
                    .isGreaterThan(RECORDS * 100L);
            assertThat(hooks.acknowledgedByPartition.keySet()).containsExactlyInAnyOrder(topic + "-0", topic + "-1");
            assertThat(hooks.apis).contains("Produce", "Metadata");
            assertThat(hooks.minLatencyNanos.get()).isPositive();
            assertThat(hooks.nodeIds).anyMatch((id) -> id >= 0);

            client.produce(topic, null, new byte[1], 7); // the topic has two partitions
            await().atMost(10, TimeUnit.SECONDS).until(() -> !hooks.discarded.isEmpty());
            assertThat(hooks.discarded).containsExactly(DiscardReason.UNKNOWN_PARTITION);

            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            client.consumeFromEarliest(topic, 1);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() == RECORDS
                    && hooks.lag.getOrDefault(topic + "-0", -1L) == 0 && hooks.lag.getOrDefault(topic + "-1", -1L) == 0);
            assertThat(hooks.fetched.get()).isEqualTo(RECORDS);
            assertThat(hooks.fetchedBytes.get()).isGreaterThan(RECORDS * 100L);
            assertThat(hooks.apis).contains("Fetch", "ListOffsets");
            assertThat(hooks.released).isEmpty();

            client.stopConsume(topic);
            await().atMost(10, TimeUnit.SECONDS).until(() -> hooks.released.size() == 2);
            assertThat(hooks.released).containsExactlyInAnyOrder(topic + "-0", topic + "-1");
            assertThat(hooks.closed.get()).isZero();
        }
        assertThat(hooks.created).containsExactly("hooks-test");
        assertThat(hooks.closed.get()).isEqualTo(1);
    }

    @Test
    void aThrowingHookBreaksNothingAndTheHooksAfterItStillRun(KafkaTestCluster kafka) {
        String topic = "hooks-throwing";
        kafka.createTopic(topic, 1, 1);
        ClientHooks throwing = new ClientHooks() {
            @Override
            public void onBatchWritten(String topic, int partition, int records, int bytes) {
                throw new IllegalStateException("hook failure");
            }

            @Override
            public void onRequestCompleted(String api, int apiKey, int nodeId, long latencyNanos) {
                throw new IllegalStateException("hook failure on the network thread");
            }
        };
        Recording after = new Recording();
        AtomicLong acknowledged = new AtomicLong();
        try (ClusterClient client = new ClusterClient(configuration(kafka).hooks(List.of(throwing, after)).build())) {
            client.onAcknowledged((a) -> acknowledged.addAndGet(a.recordCount()));
            for (int i = 0; i < 20; i++) {
                client.produce(topic, null, new byte[10]);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> acknowledged.get() == 20);
            assertThat(after.written.get()).isEqualTo(20);
            assertThat(after.acknowledged.get()).isEqualTo(20);
            assertThat(client.statistics().discarded()).isZero();
        }
    }

    @Test
    void headersAddedByTheProduceInterceptorReachTheConsumer(KafkaTestCluster kafka) {
        String topic = "hooks-interceptor";
        kafka.createTopic(topic, 1, 1);
        byte[] trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8);
        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        try (ClusterClient client = new ClusterClient(configuration(kafka).produceInterceptor((t, p, headers) -> {
            List<Header> more = new ArrayList<>(headers);
            more.add(new Header("traceparent", trace));
            return more;
        }).build())) {
            client.produce(topic, null, "plain".getBytes(StandardCharsets.UTF_8));
            client.produce(topic, "key", "object", 0, List.of(new Header("own", new byte[] { 1 })), -1);
            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() == 2);
        }
        List<KafkaRecord> records = new ArrayList<>(received);
        assertThat(records.get(0).headers()).extracting(Header::key).containsExactly("traceparent");
        assertThat(records.get(0).headers().get(0).value()).isEqualTo(trace);
        assertThat(records.get(1).headers()).extracting(Header::key).containsExactly("own", "traceparent");
    }

    private static Configuration.Builder configuration(KafkaTestCluster kafka) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId("hooks-test").produceBatchSize(50)
                .produceBufferingTime(Duration.ofMillis(5));
    }

    /** Adds up what the client reports. */
    private static final class Recording implements ClientHooks {
        final AtomicLong written = new AtomicLong();
        final AtomicLong writtenBytes = new AtomicLong();
        final AtomicLong acknowledged = new AtomicLong();
        final Map<String, AtomicLong> acknowledgedByPartition = new ConcurrentHashMap<>();
        final List<String> apis = new CopyOnWriteArrayList<>();
        final List<Integer> nodeIds = new CopyOnWriteArrayList<>();
        final AtomicLong minLatencyNanos = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong fetched = new AtomicLong();
        final AtomicLong fetchedBytes = new AtomicLong();
        final Map<String, Long> lag = new ConcurrentHashMap<>();
        final List<String> released = new CopyOnWriteArrayList<>();
        final List<DiscardReason> discarded = new CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();
        final List<String> created = new CopyOnWriteArrayList<>();

        @Override
        public void onClientCreated(String clientId) {
            created.add(clientId);
        }

        @Override
        public void onBatchWritten(String topic, int partition, int records, int bytes) {
            written.addAndGet(records);
            writtenBytes.addAndGet(bytes);
        }

        @Override
        public void onRecordsAcknowledged(String topic, int partition, int records) {
            acknowledgedByPartition.computeIfAbsent(topic + "-" + partition, (k) -> new AtomicLong()).addAndGet(records);
            acknowledged.addAndGet(records);
        }

        @Override
        public void onRecordsDiscarded(String topic, int partition, int records, DiscardReason reason) {
            discarded.add(reason);
        }

        @Override
        public void onRequestCompleted(String api, int apiKey, int nodeId, long latencyNanos) {
            if (!apis.contains(api)) {
                apis.add(api);
            }
            if (!nodeIds.contains(nodeId)) {
                nodeIds.add(nodeId);
            }
            minLatencyNanos.accumulateAndGet(latencyNanos, Math::min);
        }

        @Override
        public void onFetchCompleted(String topic, int partition, int records, int bytes, long highWatermark,
                long nextOffset, long latencyNanos) {
            fetched.addAndGet(records);
            fetchedBytes.addAndGet(bytes);
            lag.put(topic + "-" + partition, highWatermark - nextOffset);
        }

        @Override
        public void onPartitionReleased(String topic, int partition) {
            released.add(topic + "-" + partition);
        }

        @Override
        public void onClientClosed() {
            closed.incrementAndGet();
        }
    }
}
