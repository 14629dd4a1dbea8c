package io.hpkafka.producer;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Producer behaviour against a real broker; every test checks that each record is accounted for exactly once. */
@HpKafkaCluster
public class ProducerTest {

    @Test
    void keyedRecordsLandOnTheSamePartitionsAsWithTheJavaClient(KafkaTestCluster kafka) throws Exception {
        kafka.createTopic("keys-hpkafka", 6, 1);
        kafka.createTopic("keys-java", 6, 1);
        int keys = 500;
        Map<String, Integer> javaPartitions = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                sent.add(producer.send(new ProducerRecord<>("keys-java", key(i), new byte[1])));
            }
            for (int i = 0; i < keys; i++) {
                javaPartitions.put("key-" + i, sent.get(i).get().partition());
            }
        }
        Map<String, Integer> ours = new ConcurrentHashMap<>();
        Accounting accounting = new Accounting();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            accounting.attach(client);
            client.onMessageReceived(r -> ours.put(new String(r.key(), StandardCharsets.UTF_8), r.partition()));
            for (int i = 0; i < keys; i++) {
                client.produce("keys-hpkafka", key(i), new byte[1]);
            }
            for (int p = 0; p < 6; p++) {
                client.consumeFromEarliest("keys-hpkafka", p);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> ours.size() >= keys);
        }
        accounting.assertEveryRecordAccountedOnce(keys);
        assertThat(ours).isEqualTo(javaPartitions);
    }

    @Test
    void aNegativePartitionOtherThanAnyPartitionIsRefusedAtProduce(KafkaTestCluster kafka) {
        String topic = "negative-partition";
        kafka.createTopic(topic, 3, 1);
        Accounting accounting = new Accounting();
        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            accounting.attach(client);
            assertThatThrownBy(() -> client.produce(topic, null, new byte[1], -7))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid partition -7");
            assertThatThrownBy(() -> client.produce(topic, null, (Object) "v", -2, List.of(),
                    io.hpkafka.producer.ProducerRecord.NO_TIMESTAMP)).hasMessageContaining("invalid partition -2");
            assertThatThrownBy(() -> client.send(new io.hpkafka.producer.ProducerRecord(topic, -7, null, new byte[1], List.of(),
                    io.hpkafka.producer.ProducerRecord.NO_TIMESTAMP))).hasMessageContaining("invalid partition -7");
            assertThatThrownBy(() -> client.produce(topic, null, (Object) "v", 0, List.of(), -5))
                    .hasMessageContaining("invalid timestamp -5");
            // Only ANY_PARTITION lets the client choose; the record after the refused ones is the first to arrive.
            client.produce(topic, null, "sentinel".getBytes(StandardCharsets.UTF_8), io.hpkafka.producer.ProducerRecord.ANY_PARTITION);
            client.onMessageReceived(received::add);
            for (int p = 0; p < 3; p++) {
                client.consumeFromEarliest(topic, p);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> accounting.total() == 1 && !received.isEmpty());
        }
        accounting.assertEveryRecordAccountedOnce(1);
        assertThat(received).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("sentinel");
    }

    @Test
    void onlyTheRecordTooLargeForTheTopicIsDiscarded(KafkaTestCluster kafka) {
        String topic = "small-messages";
        kafka.createTopic(topic, 1, 1, Map.of("max.message.bytes", "2048"));
        Accounting accounting = new Accounting();
        try (ClusterClient client = new ClusterClient(config(kafka).produceBufferingTime(Duration.ofMillis(200))
                .build())) {
            accounting.attach(client);
            for (int i = 0; i < 11; i++) {
                byte[] value = new byte[i == 5 ? 5 * 1024 : 150];
                value[0] = (byte) i;
                client.produce(topic, null, value, 0);
            }
            client.close(Duration.ofSeconds(30));
        }
        accounting.assertEveryRecordAccountedOnce(11);
        assertThat(accounting.acknowledged.get()).isEqualTo(10);
        assertThat(accounting.discarded).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.RECORD_TOO_LARGE);
            assertThat(d.record().value()).hasSize(5 * 1024);
            assertThat(d.error()).contains("TOO_LARGE");
        });
    }

    @Test
    void perRecordFuturesAndEventPublishersReportEachOutcome(KafkaTestCluster kafka) throws Exception {
        String topic = "futures";
        kafka.createTopic(topic, 1, 1, Map.of("max.message.bytes", "2048"));
        List<io.hpkafka.producer.ProduceAcknowledged> published = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.acknowledgements().subscribe(new java.util.concurrent.Flow.Subscriber<>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(io.hpkafka.producer.ProduceAcknowledged item) {
                    published.add(item);
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onComplete() {
                }
            });
            io.hpkafka.KafkaProducer<String, String> typed = new io.hpkafka.KafkaProducer<>(client,
                    io.hpkafka.serialization.Serdes.stringSerializer(), io.hpkafka.serialization.Serdes.stringSerializer());
            var first = typed.send(topic, "a", "small");
            var second = typed.send(topic, "b", "small too");
            var tooLarge = typed.send(topic, "c", "x".repeat(5000));
            assertThat(first.get(30, TimeUnit.SECONDS).offset()).isZero();
            assertThat(second.get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
            assertThat(second.get().partition()).isZero();
            assertThat(tooLarge).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(
                    java.util.concurrent.ExecutionException.class).havingCause()
                    .isInstanceOf(io.hpkafka.producer.ProduceFailedException.class)
                    .satisfies(e -> assertThat(((io.hpkafka.producer.ProduceFailedException) e).reason())
                            .isEqualTo(DiscardReason.RECORD_TOO_LARGE));
            await().atMost(10, TimeUnit.SECONDS).until(() -> published.stream()
                    .mapToInt(io.hpkafka.producer.ProduceAcknowledged::recordCount).sum() == 2);
            assertThat(client.statistics().bytesSent()).isPositive();
        }
    }

    @Test
    void closeFlushesRecordsStillWaitingForTheirBufferingTime(KafkaTestCluster kafka) {
        kafka.createTopic("flush-on-close", 3, 1);
        Accounting accounting = new Accounting();
        long start = System.nanoTime();
        try (ClusterClient client = new ClusterClient(config(kafka).produceBufferingTime(Duration.ofSeconds(30))
                .produceBatchSize(100_000).batchStrategy(io.hpkafka.config.BatchStrategy.GLOBAL).build())) {
            accounting.attach(client);
            for (int i = 0; i < 1_000; i++) {
                client.produce("flush-on-close", null, new byte[] {(byte) i});
            }
        } // close(): nothing was sent yet; everything must be acknowledged before it returns
        accounting.assertEveryRecordAccountedOnce(1_000);
        assertThat(accounting.acknowledged.get()).isEqualTo(1_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void unkeyedRecordsStayOnAPartitionForNumberOfMessagesBeforeRoundRobin(KafkaTestCluster kafka) {
        String topic = "round-robin";
        kafka.createTopic(topic, 3, 1);
        List<io.hpkafka.record.KafkaRecord> received = new CopyOnWriteArrayList<>();
        Accounting accounting = new Accounting();
        try (ClusterClient client = new ClusterClient(config(kafka).numberOfMessagesBeforeRoundRobin(10).build())) {
            accounting.attach(client);
            for (int i = 0; i < 60; i++) {
                client.produce(topic, null, new byte[] {(byte) i});
            }
            client.onMessageReceived(received::add);
            for (int p = 0; p < 3; p++) {
                client.consumeFromEarliest(topic, p);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 60);
        }
        accounting.assertEveryRecordAccountedOnce(60);
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        received.forEach(r -> byPartition.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add((int) r.value()[0]));
        assertThat(byPartition).hasSize(3);
        byPartition.values().forEach(values -> {
            assertThat(values).hasSize(20);
            // Runs of ten consecutive records per partition.
            for (int run = 0; run < 2; run++) {
                int first = values.get(run * 10);
                assertThat(first % 10).isZero();
                for (int i = 1; i < 10; i++) {
                    assertThat(values.get(run * 10 + i)).isEqualTo(first + i);
                }
            }
        });
    }

    @Test
    void aFetchWaitingForDataDoesNotHoldBackProduceRequests(KafkaTestCluster kafka) throws Exception {
        kafka.createTopic("idle", 1, 1);
        kafka.createTopic("busy", 1, 1);
        try (ClusterClient client = new ClusterClient(config(kafka).fetchMaxWaitTimeMs(5_000)
                .produceBufferingTime(Duration.ZERO).requiredAcks(io.hpkafka.config.RequiredAcks.LEADER).build())) {
            client.consumeFromLatest("idle", 0); // the broker holds this Fetch for up to 5 s: nothing arrives
            client.send(new io.hpkafka.producer.ProducerRecord("busy", 0, null, new byte[1], List.of(), -1))
                    .get(30, TimeUnit.SECONDS); // connections up, metadata known
            Thread.sleep(300);
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                client.send(new io.hpkafka.producer.ProducerRecord("busy", 0, null, new byte[1], List.of(), -1))
                        .get(30, TimeUnit.SECONDS);
                // A Produce queued behind the held Fetch on one connection would wait for it (seconds).
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
            }
        }
    }

    @Test
    void aTopicAutoCreatedByTheBrokerReceivesTheRecords(KafkaTestCluster kafka) {
        Accounting accounting = new Accounting();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            accounting.attach(client);
            for (int i = 0; i < 100; i++) {
                client.produce("auto-created-topic", null, new byte[] {(byte) i});
            }
            client.close(Duration.ofSeconds(30));
        }
        accounting.assertEveryRecordAccountedOnce(100);
        assertThat(accounting.acknowledged.get()).isEqualTo(100);
    }

    @Test
    void moreProducersBlockedThanMaxBufferedMessagesAllGetThroughInOrder(KafkaTestCluster kafka) throws Exception {
        String topic = "many-blocked";
        int threads = 6;
        int perThread = 1_000;
        kafka.createTopic(topic, threads, 1);
        Accounting accounting = new Accounting();
        List<KafkaRecord> received;
        // Fewer buffered records than producers: each waits for room, counted in the bound while it waits.
        try (ClusterClient client = new ClusterClient(config(kafka).maxBufferedMessages(4).produceBatchSize(2)
                .produceBufferingTime(Duration.ofMillis(1))
                .overflowStrategy(io.hpkafka.config.OverflowStrategy.BLOCK).build())) {
            accounting.attach(client);
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int partition = t;
                producers.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        client.produce(topic, null, ByteBuffer.allocate(4).putInt(0, i).array(), partition);
                    }
                }));
            }
            producers.forEach(Thread::start);
            for (Thread p : producers) {
                p.join(120_000);
                assertThat(p.isAlive()).as("a producer still blocked").isFalse();
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> accounting.total() == (long) threads * perThread);
            received = consumeAll(client, topic, threads, (long) threads * perThread);
        }
        accounting.assertEveryRecordAccountedOnce((long) threads * perThread);
        assertThat(accounting.acknowledged.get()).isEqualTo((long) threads * perThread);
        assertConsecutivePerPartition(received, threads, 0);
    }

    @Test
    void compressedBatchesCompressedSideBySideKeepEachPartitionsOrder(KafkaTestCluster kafka) throws Exception {
        String topic = "compressed-order";
        int partitions = 3;
        int perPartition = 10_000;
        kafka.createTopic(topic, partitions, 1);
        Accounting accounting = new Accounting();
        List<KafkaRecord> received;
        long retries;
        // Small requests, many in flight, gzip (the slowest codec): batches finish compressing out of order.
        try (ClusterClient client = new ClusterClient(config(kafka).produceBatchSize(60).maxInFlightRequests(5)
                .produceBufferingTime(Duration.ofMillis(1)).compressionCodec(io.hpkafka.config.CompressionCodec.GZIP)
                .build())) {
            accounting.attach(client);
            // First a record per partition, acknowledged before the rest: with 5 requests in flight a retry may
            // reorder (as documented), and a new topic answers retriable errors until its leaders settle.
            for (int p = 0; p < partitions; p++) {
                client.produce(topic, null, ByteBuffer.allocate(4).putInt(0, -1).array(), p);
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> accounting.total() == partitions);
            for (int i = 0; i < perPartition; i++) {
                for (int p = 0; p < partitions; p++) {
                    byte[] value = new byte[64 + (i * 7 + p) % 900]; // batches of varied sizes compress unevenly
                    ByteBuffer.wrap(value).putInt(0, i);
                    client.produce(topic, null, value, p);
                }
            }
            long total = (long) partitions * (perPartition + 1);
            await().atMost(60, TimeUnit.SECONDS).until(() -> accounting.total() == total);
            received = consumeAll(client, topic, partitions, total);
            retries = client.statistics().retries();
        }
        accounting.assertEveryRecordAccountedOnce((long) partitions * (perPartition + 1));
        assertThat(accounting.acknowledged.get()).isEqualTo((long) partitions * (perPartition + 1));
        assertThat(retries).as("records retried (a retry may reorder with 5 in flight)").isZero();
        assertConsecutivePerPartition(received, partitions, -1);
    }

    @Test
    void aRecordFailingToEncodeWhenResentAloneIsDiscardedAndTheOthersGoOn(KafkaTestCluster kafka) {
        String topic = "split-then-fail";
        kafka.createTopic(topic, 1, 1, Map.of("max.message.bytes", "2048"));
        Accounting accounting = new Accounting();
        byte[] plain = new byte[1500];
        new java.util.Random(1).nextBytes(plain); // incompressible: together the two exceed max.message.bytes
        byte[] flakyBytes = new byte[1500];
        new java.util.Random(2).nextBytes(flakyBytes);
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        io.hpkafka.serialization.MemorySerializable flaky = new io.hpkafka.serialization.MemorySerializable() {
            @Override
            public int serializedSize() {
                return flakyBytes.length;
            }

            @Override
            public void serialize(ByteBuffer target) {
                if (writes.incrementAndGet() > 1) {
                    throw new IllegalStateException("the second write fails");
                }
                target.put(flakyBytes);
            }
        };
        try (ClusterClient client = new ClusterClient(config(kafka).produceBatchSize(2)
                .produceBufferingTime(Duration.ofMillis(100)).compressionCodec(io.hpkafka.config.CompressionCodec.GZIP)
                .build())) {
            accounting.attach(client);
            client.produce(topic, (Object) null, plain, 0, List.of(), -1);
            client.produce(topic, (Object) null, flaky, 0, List.of(), -1);
            await().atMost(30, TimeUnit.SECONDS).until(() -> accounting.total() == 2);
            client.produce(topic, null, new byte[] {1}, 0); // the broker's queue of compressed requests still moves
            await().atMost(30, TimeUnit.SECONDS).until(() -> accounting.total() == 3);
        }
        accounting.assertEveryRecordAccountedOnce(3);
        assertThat(accounting.acknowledged.get()).isEqualTo(2);
        assertThat(accounting.discarded).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DiscardReason.SERIALIZATION_ERROR));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = io.hpkafka.config.CompressionCodec.class,
            names = {"NONE", "GZIP"})
    void aValueFailingToWriteItselfIsASerializationErrorNotTheBrokers(io.hpkafka.config.CompressionCodec codec,
                                                                       KafkaTestCluster kafka) {
        String topic = "failing-write-" + codec.name().toLowerCase(java.util.Locale.ROOT);
        kafka.createTopic(topic, 1, 1);
        Accounting accounting = new Accounting();
        io.hpkafka.serialization.MemorySerializable failing = new io.hpkafka.serialization.MemorySerializable() {
            @Override
            public int serializedSize() {
                return 8;
            }

            @Override
            public void serialize(ByteBuffer target) {
                throw new IllegalStateException("cannot write");
            }
        };
        try (ClusterClient client = new ClusterClient(config(kafka).produceBatchSize(10)
                .produceBufferingTime(Duration.ofSeconds(5)).compressionCodec(codec).build())) {
            accounting.attach(client);
            for (int i = 0; i < 10; i++) { // one batch: the failing value takes its batch down
                client.produce(topic, (Object) null, i == 5 ? failing : new byte[] {(byte) i}, 0, List.of(), -1);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> accounting.total() == 10);
            client.produce(topic, null, new byte[] {42}, 0); // and the client goes on
            await().atMost(30, TimeUnit.SECONDS).until(() -> accounting.total() == 11);
        }
        accounting.assertEveryRecordAccountedOnce(11);
        assertThat(accounting.acknowledged.get()).isEqualTo(1);
        assertThat(accounting.discarded).hasSize(10).allSatisfy(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.SERIALIZATION_ERROR);
            assertThat(d.error()).contains("cannot write");
        });
    }

    @Test
    void producingPreSerializedRecordsAllocatesLittlePerRecord(KafkaTestCluster kafka) {
        String topic = "allocation";
        kafka.createTopic(topic, 6, 1);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] value = new byte[100];
        int warmup = 200_000;
        int measured = 500_000;
        Accounting accounting = new Accounting();
        try (ClusterClient client = new ClusterClient(config(kafka).produceBatchSize(1000)
                .produceBufferingTime(Duration.ofMillis(5)).requiredAcks(io.hpkafka.config.RequiredAcks.LEADER)
                .build())) {
            accounting.attach(client);
            for (int i = 0; i < warmup; i++) {
                client.produce(topic, null, value);
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> accounting.total() == warmup);
            long before = allocatedByAllThreads(threads);
            for (int i = 0; i < measured; i++) {
                client.produce(topic, null, value);
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> accounting.total() == warmup + measured);
            long after = allocatedByAllThreads(threads);
            // Every thread of the JVM counts (the embedded broker's too), so this is an upper bound for the client.
            System.out.printf("producer allocation: %.0f bytes per 100 B record (all JVM threads, %d records)%n",
                    (after - before) / (double) measured, measured);
        }
        accounting.assertEveryRecordAccountedOnce(warmup + measured);
    }

    /** Reads partitions 0 to {@code partitions - 1} from earliest until {@code count} records arrived. */
    public static List<KafkaRecord> consumeAll(ClusterClient client, String topic, int partitions, long count) {
        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        client.onMessageReceived(received::add);
        for (int p = 0; p < partitions; p++) {
            client.consumeFromEarliest(topic, p);
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= count);
        return new ArrayList<>(received);
    }

    /** Each partition's values start with the ints {@code first}, {@code first + 1}, ..., in the order received. */
    public static void assertConsecutivePerPartition(List<KafkaRecord> records, int partitions, int first) {
        int[] next = new int[partitions];
        java.util.Arrays.fill(next, first);
        for (KafkaRecord r : records) {
            assertThat(ByteBuffer.wrap(r.value()).getInt()).as("partition %d", r.partition())
                    .isEqualTo(next[r.partition()]++);
        }
    }

    private static long allocatedByAllThreads(com.sun.management.ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(ids)) {
            sum += Math.max(bytes, 0);
        }
        return sum;
    }

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    public static Configuration.Builder config(KafkaTestCluster kafka) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId("producer-test")
                .produceBufferingTime(Duration.ofMillis(10));
    }

    /** Counts outcomes and checks that each record got exactly one. */
    public static final class Accounting {
        final AtomicLong acknowledged = new AtomicLong();
        public final List<ProduceDiscarded> discarded = new CopyOnWriteArrayList<>();
        final List<ProduceExpired> expired = new CopyOnWriteArrayList<>();
        final List<ProduceAcknowledged> batches = new CopyOnWriteArrayList<>();

        public void attach(ClusterClient client) {
            client.onAcknowledged(a -> {
                acknowledged.addAndGet(a.recordCount());
                batches.add(a);
            });
            client.onDiscarded(discarded::add);
            client.onExpired(expired::add);
        }

        public long total() {
            return acknowledged.get() + discarded.size() + expired.size();
        }

        public void assertEveryRecordAccountedOnce(long produced) {
            assertThat(total()).as("acknowledged + discarded + expired").isEqualTo(produced);
        }
    }
}
