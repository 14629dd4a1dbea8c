package io.hpkafka.producer;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.config.OverflowStrategy;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.HpKafkaClusterExtension;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The producer while brokers stop and come back (3 brokers, one controller). */
@HpKafkaCluster(brokers = 3)
class ProducerFaultTest {

    /**
     * With a codec, batches are compressed before their request goes out: the partition must be held from then on,
     * or a newer batch overtakes one that is compressing and then retried (found by a review, GZIP failed twice).
     */
    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = {"NONE", "GZIP"})
    void withOneRequestInFlightRetriesNeverReorderAPartition(CompressionCodec codec, KafkaTestCluster kafka)
            throws Exception {
        HpKafkaClusterExtension.assumeBrokerControl(kafka);
        String topic = "ordered-retries-" + codec.name().toLowerCase(java.util.Locale.ROOT);
        java.util.Random random = new java.util.Random(1);
        kafka.createTopic(topic, 3, 3, Map.of("min.insync.replicas", "2"));
        int perPartition = 6_000;
        ProducerTest.Accounting accounting = new ProducerTest.Accounting();
        int stopped = -1;
        List<KafkaRecord> received = new ArrayList<>();
        try (ClusterClient client = new ClusterClient(ProducerTest.config(kafka).maxInFlightRequests(1)
                .compressionCodec(codec)
                .errorStrategy(ErrorStrategy.RETRY).produceBatchSize(100).produceBufferingTime(Duration.ofMillis(2))
                .requestTimeoutMs(3000).clientRequestTimeoutMs(6000).build())) {
            accounting.attach(client);
            for (int i = 0; i < perPartition; i++) {
                if (i == perPartition / 3) {
                    stopped = leaderOf(kafka, topic, 0);
                    kafka.stopBroker(stopped);
                }
                for (int p = 0; p < 3; p++) {
                    // Random bytes compress slowly and unevenly, so batches finish compressing out of order.
                    byte[] value = new byte[codec == CompressionCodec.NONE ? 8 : 400];
                    random.nextBytes(value);
                    client.produce(topic, null, ByteBuffer.wrap(value).putInt(0, i).array(), p);
                }
                if (i % 500 == 0) {
                    Thread.sleep(20); // spread the stream over the failover
                }
            }
            await().atMost(90, TimeUnit.SECONDS).until(() -> accounting.total() == 3L * perPartition);
            received.addAll(ProducerTest.consumeAll(client, topic, 3, 3L * perPartition));
        } finally {
            if (stopped >= 0) {
                kafka.startBroker(stopped);
            }
        }
        accounting.assertEveryRecordAccountedOnce(3L * perPartition);
        assertThat(accounting.acknowledged.get()).isEqualTo(3L * perPartition);
        for (int p = 0; p < 3; p++) {
            int partition = p;
            Set<Integer> seen = new HashSet<>();
            int last = -1;
            for (KafkaRecord r : received) {
                if (r.partition() != partition) {
                    continue;
                }
                int value = ByteBuffer.wrap(r.value()).getInt();
                if (seen.add(value)) {
                    assertThat(value).as("first occurrence order in partition %d", partition).isGreaterThan(last);
                    last = value;
                }
            }
            assertThat(seen).hasSize(perPartition);
        }
    }

    @Test
    void withTheDiscardStrategyWhatIsNotDeliveredIsReportedDiscarded(KafkaTestCluster kafka) throws Exception {
        HpKafkaClusterExtension.assumeBrokerControl(kafka);
        String topic = "discard-on-failure";
        kafka.createTopic(topic, 1, 3, Map.of("min.insync.replicas", "1"));
        int records = 10_000;
        ProducerTest.Accounting accounting = new ProducerTest.Accounting();
        int stopped = -1;
        Set<Integer> delivered = new HashSet<>();
        try (ClusterClient client = new ClusterClient(ProducerTest.config(kafka).errorStrategy(ErrorStrategy.DISCARD)
                .produceBatchSize(200).produceBufferingTime(Duration.ofMillis(2)).build())) {
            accounting.attach(client);
            for (int i = 0; i < records; i++) {
                if (i == records / 2) {
                    stopped = leaderOf(kafka, topic, 0);
                    kafka.stopBroker(stopped);
                }
                client.produce(topic, null, ByteBuffer.allocate(8).putInt(0, i).array(), 0);
                if (i % 500 == 0) {
                    Thread.sleep(20);
                }
            }
            await().atMost(90, TimeUnit.SECONDS).until(() -> accounting.total() == records);
            long acked = accounting.acknowledged.get();
            ConcurrentLinkedQueue<KafkaRecord> queue = new ConcurrentLinkedQueue<>();
            client.onMessageReceived(queue::add);
            client.consumeFromEarliest(topic, 0);
            await().atMost(60, TimeUnit.SECONDS).until(() -> queue.size() >= acked);
            Thread.sleep(500);
            queue.forEach(r -> delivered.add(ByteBuffer.wrap(r.value()).getInt()));
        } finally {
            if (stopped >= 0) {
                kafka.startBroker(stopped);
            }
        }
        accounting.assertEveryRecordAccountedOnce(records);
        Set<Integer> discarded = new HashSet<>();
        accounting.discarded.forEach(d -> discarded.add(ByteBuffer.wrap(d.record().value()).getInt()));
        System.out.printf("discard strategy: %d acknowledged, %d discarded (%s)%n", accounting.acknowledged.get(),
                discarded.size(), accounting.discarded.stream().map(d -> d.reason()).distinct().toList());
        // Every record is delivered or reported discarded; a delivered record was acknowledged unless its request
        // failed after it was sent (its outcome is unknown, so it was reported discarded for a network error).
        for (int i = 0; i < records; i++) {
            assertThat(delivered.contains(i) || discarded.contains(i)).as("record %d", i).isTrue();
        }
        assertThat(delivered.size() + discarded.size()).isGreaterThanOrEqualTo(records);
        accounting.discarded.forEach(d -> assertThat(d.reason()).isEqualTo(DiscardReason.NETWORK_ERROR));
    }

    @Test
    void theOverflowStrategiesBlockOrDiscardWhileNoLeaderTakesRecords(KafkaTestCluster kafka) throws Exception {
        HpKafkaClusterExtension.assumeBrokerControl(kafka);
        String topic = "overflow";
        kafka.createTopic(topic, 1, 1);
        int leader = leaderOf(kafka, topic, 0);
        kafka.stopBroker(leader);
        ProducerTest.Accounting discardAccounting = new ProducerTest.Accounting();
        ProducerTest.Accounting blockAccounting = new ProducerTest.Accounting();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger blockedProduced = new AtomicInteger();
        try (ClusterClient discarding = new ClusterClient(ProducerTest.config(kafka).maxBufferedMessages(1000)
                .overflowStrategy(OverflowStrategy.DISCARD).build());
             ClusterClient blocking = new ClusterClient(ProducerTest.config(kafka).maxBufferedMessages(1000)
                .overflowStrategy(OverflowStrategy.BLOCK).build())) {
            discardAccounting.attach(discarding);
            blockAccounting.attach(blocking);
            for (int i = 0; i < 1500; i++) {
                if (!discarding.produce(topic, null, new byte[] {1}, 0)) {
                    refused.incrementAndGet();
                }
            }
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 1500; i++) {
                    blocking.produce(topic, null, new byte[] {2}, 0);
                    blockedProduced.incrementAndGet();
                }
            });
            producer.start();
            Thread.sleep(1000);
            assertThat(refused.get()).isEqualTo(500);
            assertThat(discardAccounting.discarded).hasSize(500)
                    .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DiscardReason.OVERFLOW));
            assertThat(blockedProduced.get()).isEqualTo(1000);
            assertThat(producer.getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);

            kafka.startBroker(leader);
            producer.join(60_000);
            assertThat(blockedProduced.get()).isEqualTo(1500);
            await().atMost(60, TimeUnit.SECONDS).until(() -> blockAccounting.total() == 1500
                    && discardAccounting.total() == 1500);
        } finally {
            kafka.startBroker(leader); // a no-op when already running
        }
        assertThat(discardAccounting.acknowledged.get()).isEqualTo(1000);
        assertThat(blockAccounting.acknowledged.get()).isEqualTo(1500);
    }

    @Test
    void roundRobinSkipsPartitionsWithoutALeaderOrBelowMinInSyncReplicas(KafkaTestCluster kafka) throws Exception {
        HpKafkaClusterExtension.assumeBrokerControl(kafka);
        String leaderless = "skip-leaderless";
        String underReplicated = "skip-under-replicated";
        kafka.createTopic(leaderless, 3, 1);
        kafka.createTopic(underReplicated, 3, 2);
        int stopped = leaderOf(kafka, leaderless, 0);
        ProducerTest.Accounting accounting = new ProducerTest.Accounting();
        try {
            kafka.stopBroker(stopped);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                await().atMost(30, TimeUnit.SECONDS).until(() -> admin.describeTopics(List.of(underReplicated))
                        .allTopicNames().get().get(underReplicated).partitions().stream()
                        .noneMatch(p -> p.isr().stream().anyMatch(n -> n.id() == stopped)));
            }
            // One client with minInSyncReplicas=2 (the under-replicated topic), one without (the leaderless one).
            try (ClusterClient strict = new ClusterClient(ProducerTest.config(kafka).minInSyncReplicas(2).build());
                 ClusterClient plain = new ClusterClient(ProducerTest.config(kafka).build())) {
                accounting.attach(strict);
                accounting.attach(plain);
                plain.partitionsFor(leaderless).get(10, TimeUnit.SECONDS);
                strict.partitionsFor(underReplicated).get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 300; i++) {
                    plain.produce(leaderless, null, new byte[] {1});
                    strict.produce(underReplicated, null, new byte[] {2});
                }
                await().atMost(30, TimeUnit.SECONDS).until(() -> accounting.total() == 600);
            }
        } finally {
            kafka.startBroker(stopped);
        }
        accounting.assertEveryRecordAccountedOnce(600);
        assertThat(accounting.acknowledged.get()).isEqualTo(600);
        Set<Integer> writable = new HashSet<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.describeTopics(List.of(underReplicated)).allTopicNames().get().get(underReplicated).partitions()
                    .stream().filter(p -> p.replicas().stream().noneMatch(n -> n.id() == stopped))
                    .forEach(p -> writable.add(p.partition()));
        }
        for (var ack : accounting.batches) {
            if (ack.topic().equals(leaderless)) {
                assertThat(ack.partition()).as("leaderless partition").isNotZero();
            } else {
                assertThat(writable).as("partitions with 2 in-sync replicas").contains(ack.partition());
            }
        }
    }

    private static int leaderOf(KafkaTestCluster kafka, String topic, int partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(partition)
                    .leader().id();
        }
    }
}
