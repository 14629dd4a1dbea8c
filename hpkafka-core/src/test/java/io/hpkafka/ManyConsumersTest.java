package io.hpkafka;

import io.hpkafka.config.Configuration;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many consumers on one client, against a real broker: group consumers of different groups, members of one group on
 * two clients, and simple consumers reading the same partitions at different positions, each seeing every record
 * exactly once, sharing the client's threads; and a consumer closed while the others run.
 */
@HpKafkaCluster
class ManyConsumersTest {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final int PARTITIONS = 6;

    @Test
    void everyGroupAndEverySimpleConsumerOfOneClientSeesEveryRecordOnce(KafkaTestCluster kafka) throws Exception {
        String topic = "many-" + RUN;
        kafka.createTopic(topic, PARTITIONS, 1);
        int count = 200_000;
        long[] ends = produce(kafka, topic, 0, count);
        long simpleStart = 1_000;

        long before = ThreadsTest.hpkafkaThreads();
        ClusterClient client = new ClusterClient(config(kafka, "many-a-" + RUN).build());
        ClusterClient other = new ClusterClient(config(kafka, "many-b-" + RUN).build());
        try {
            // One consumer first: what the client's threads are with it.
            Seen first = new Seen("s-earliest");
            KafkaConsumer<byte[], byte[]> simpleEarliest = client.newConsumer();
            first.attach(simpleEarliest);
            for (int p = 0; p < PARTITIONS; p++) {
                simpleEarliest.consumeFromEarliest(topic, p);
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> first.total.get() >= count / 2);
            long clientThreadsWithOne = threadsOf(client);

            List<Seen> groups = new ArrayList<>();
            List<KafkaConsumer<byte[], byte[]>> members = new ArrayList<>();
            for (int g = 1; g <= 3; g++) {
                Seen seen = new Seen("group-" + g);
                groups.add(seen);
                members.add(member(client, seen, "g" + g + "-" + RUN, topic));
            }
            Seen shared = new Seen("group-4 (two clients)");
            groups.add(shared);
            members.add(member(client, shared, "g4-" + RUN, topic));
            members.add(member(other, shared, "g4-" + RUN, topic));
            Seen later = new Seen("s-from-" + simpleStart);
            KafkaConsumer<byte[], byte[]> simpleLater = client.newConsumer();
            later.attach(simpleLater);
            for (int p = 0; p < PARTITIONS; p++) {
                simpleLater.consume(topic, p, simpleStart);
            }
            long expectedLater = count - PARTITIONS * simpleStart;
            for (int i = 0; i < 3; i++) {
                KafkaConsumer<byte[], byte[]> idle = client.newConsumer(); // waits at the end: long polls alongside
                for (int p = 0; p < PARTITIONS; p++) {
                    idle.consumeFromLatest(topic, p);
                }
            }

            long maxThreads = ThreadsTest.hpkafkaThreads();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(first.total.get() >= count && later.total.get() >= expectedLater
                    && groups.stream().allMatch(s -> s.total.get() >= count)) && System.nanoTime() < deadline) {
                maxThreads = Math.max(maxThreads, ThreadsTest.hpkafkaThreads());
                Thread.sleep(20);
            }
            long clientThreadsWithTen = threadsOf(client);
            for (KafkaConsumer<byte[], byte[]> m : members) {
                m.commit();
            }

            first.assertEachOnce(ends, 0);
            later.assertEachOnce(ends, simpleStart);
            for (Seen s : groups) {
                s.assertEachOnce(ends, 0);
            }
            try (Admin admin = admin(kafka)) {
                for (int g = 1; g <= 4; g++) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("g" + g + "-"
                            + RUN).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                    Map<Integer, Long> byPartition = new HashMap<>();
                    committed.forEach((tp, om) -> byPartition.put(tp.partition(), om.offset()));
                    Map<Integer, Long> processed = new HashMap<>();
                    for (int p = 0; p < PARTITIONS; p++) {
                        processed.put(p, ends[p]);
                    }
                    assertThat(byPartition).as("committed offsets of group %d", g).isEqualTo(processed);
                }
            }
            // Ten consumers on the client (the default one, two reading, three idle, four group members).
            assertThat(client.consumerCount()).isEqualTo(10);
            assertThat(clientThreadsWithOne).as("threads named after the client with one consumer").isEqualTo(2);
            assertThat(clientThreadsWithTen).as("threads named after the client with ten consumers").isEqualTo(2);
            // Two clients' socket and timer threads, plus the shared pool: per client at most maximumConcurrency
            // driver tasks and as many deliveries at once, twice that for threads on their way back (see ThreadsTest).
            int concurrency = Configuration.builder().seeds("x:1").build().maximumConcurrency();
            assertThat(maxThreads - before).isLessThanOrEqualTo(2 * 2 + 2 * 2 * (concurrency + concurrency));
        } finally {
            client.close();
            other.close();
        }
    }

    @Test
    void closingOneConsumerLeavesTheOthersReadingAndItsGroupResumesAtWhatItProcessed(KafkaTestCluster kafka)
            throws Exception {
        String topic = "many-close-" + RUN;
        kafka.createTopic(topic, PARTITIONS, 1);
        int count = 60_000;
        try (ClusterClient client = new ClusterClient(config(kafka, "many-close-" + RUN).build());
             ClusterClient producer = new ClusterClient(config(kafka, "many-close-producer-" + RUN).build())) {
            Seen closed = new Seen("closed");
            Seen groupB = new Seen("group-b");
            Seen simple = new Seen("simple");
            KafkaConsumer<byte[], byte[]> toClose = member(client, closed, "close-a-" + RUN, topic);
            member(client, groupB, "close-b-" + RUN, topic);
            KafkaConsumer<byte[], byte[]> s = client.newConsumer();
            simple.attach(s);
            for (int p = 0; p < PARTITIONS; p++) {
                s.consumeFromEarliest(topic, p);
            }
            long[] ends = new long[PARTITIONS];
            for (int i = 0; i < count; i++) {
                int p = i % PARTITIONS;
                producer.produce(topic, null, Integer.toString(i).getBytes(), p);
                ends[p]++;
                if (i == count / 4) {
                    await().atMost(60, TimeUnit.SECONDS).until(() -> closed.total.get() >= 1_000);
                    toClose.close(); // while records still arrive for everyone
                    assertThat(client.consumerCount()).isEqualTo(3);
                }
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> groupB.total.get() >= count
                    && simple.total.get() >= count);
            groupB.assertEachOnce(ends, 0);
            simple.assertEachOnce(ends, 0);

            // The closed member committed what it processed: a new member of its group starts right after it.
            Seen resumed = new Seen("resumed");
            member(client, resumed, "close-a-" + RUN, topic);
            long rest = count - closed.total.get();
            await().atMost(60, TimeUnit.SECONDS).until(() -> resumed.total.get() >= rest);
            for (int p = 0; p < PARTITIONS; p++) {
                for (int o = 0; o < ends[p]; o++) {
                    assertThat(closed.seen(p, o) + resumed.seen(p, o)).as("offset %d of partition %d", o, p)
                            .isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aListenerThatBlocksHoldsNeitherTheProducerNorAConsumerWithAnExecutorOfItsOwn(KafkaTestCluster kafka)
            throws Exception {
        String topic = "many-blocked-" + RUN;
        kafka.createTopic(topic, 1, 1);
        int count = 2_000;
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService own = java.util.concurrent.Executors.newSingleThreadExecutor();
        // One driver thread: were deliveries on it, the blocked listener would stop decoding, and so everything.
        try (ClusterClient client = new ClusterClient(config(kafka, "many-blocked-" + RUN).maximumConcurrency(1)
                .build())) {
            AtomicLong blockedSeen = new AtomicLong();
            KafkaConsumer<byte[], byte[]> blocked = client.newConsumer();
            blocked.onRecordReceived(r -> {
                blockedSeen.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            blocked.consumeFromEarliest(topic, 0);
            Seen free = new Seen("own executor");
            KafkaConsumer<byte[], byte[]> other = client.newConsumer(io.hpkafka.config.ConsumerOptions.builder()
                    .deliveryExecutor(own).build(), io.hpkafka.serialization.Serdes.byteArrayDeserializer(),
                    io.hpkafka.serialization.Serdes.byteArrayDeserializer());
            free.attach(other);
            other.consumeFromEarliest(topic, 0);
            AtomicLong acknowledged = new AtomicLong();
            client.onAcknowledged(a -> acknowledged.addAndGet(a.recordCount()));
            long[] ends = new long[PARTITIONS];
            for (int i = 0; i < count; i++) {
                client.produce(topic, null, Integer.toString(i).getBytes(), 0);
                ends[0]++;
            }
            // The blocked consumer's start-offset lookup and first fetch may come after the free one is done (a
            // loaded machine): wait for its first record too, then check it got no further.
            await().atMost(60, TimeUnit.SECONDS).until(() -> acknowledged.get() == count
                    && free.total.get() == count && blockedSeen.get() >= 1);
            assertThat(blockedSeen.get()).as("the blocked listener is still on its first record").isEqualTo(1);
            free.assertEachOnce(ends, 0);
            release.countDown();
            await().atMost(60, TimeUnit.SECONDS).until(() -> blockedSeen.get() == count);
        } finally {
            release.countDown();
            own.shutdownNow();
        }
    }

    private static KafkaConsumer<byte[], byte[]> member(ClusterClient client, Seen seen, String group, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = client.newConsumer();
        seen.attach(consumer);
        consumer.subscribe(group, List.of(topic), ConsumerGroupConfiguration.builder()
                .defaultOffset(DefaultOffset.EARLIEST).autoCommitEveryMs(1_000)
                .sessionTimeout(Duration.ofSeconds(10)).rebalanceTimeout(Duration.ofSeconds(10))
                .heartbeatInterval(Duration.ofMillis(500)).coordinatorDiscoveryRetryTime(Duration.ofMillis(200))
                .build());
        return consumer;
    }

    /** Produces {@code count} records round the partitions; returns each partition's end offset. */
    private static long[] produce(KafkaTestCluster kafka, String topic, int from, int count) {
        long[] ends = new long[PARTITIONS];
        try (ClusterClient producer = new ClusterClient(config(kafka, "many-producer-" + RUN).build())) {
            AtomicLong acknowledged = new AtomicLong();
            producer.onAcknowledged(a -> acknowledged.addAndGet(a.recordCount()));
            for (int i = from; i < from + count; i++) {
                int p = i % PARTITIONS;
                producer.produce(topic, null, Integer.toString(i).getBytes(), p);
                ends[p]++;
            }
            producer.close();
            assertThat(acknowledged.get()).isEqualTo(count);
        }
        return ends;
    }

    private static Configuration.Builder config(KafkaTestCluster kafka, String clientId) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId(clientId).fetchMaxWaitTimeMs(50)
                .produceBufferingTime(Duration.ofMillis(5));
    }

    private static Admin admin(KafkaTestCluster kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static long threadsOf(ClusterClient client) {
        String id = client.configuration().clientId();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().endsWith("-" + id))
                .count();
    }

    /** What one consumer (or one group, across its members) saw: a count per partition and offset. */
    private static final class Seen {
        final String name;
        final AtomicLong total = new AtomicLong();
        final AtomicIntegerArray[] counts = new AtomicIntegerArray[PARTITIONS];

        Seen(String name) {
            this.name = name;
            for (int p = 0; p < PARTITIONS; p++) {
                counts[p] = new AtomicIntegerArray(50_000);
            }
        }

        void attach(KafkaConsumer<byte[], byte[]> consumer) {
            consumer.onRecordReceived(r -> {
                counts[r.partition()].incrementAndGet((int) r.offset());
                total.incrementAndGet();
            });
        }

        int seen(int partition, int offset) {
            return counts[partition].get(offset);
        }

        void assertEachOnce(long[] ends, long from) {
            long expected = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                for (int o = 0; o < counts[p].length(); o++) {
                    int want = o >= from && o < ends[p] ? 1 : 0;
                    if (counts[p].get(o) != want) {
                        throw new AssertionError(name + ": offset " + o + " of partition " + p + " seen "
                                + counts[p].get(o) + " times, expected " + want);
                    }
                }
                expected += ends[p] - from;
            }
            assertThat(total.get()).as(name).isEqualTo(expected);
        }
    }
}
