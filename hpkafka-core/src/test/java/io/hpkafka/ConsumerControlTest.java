package io.hpkafka;

import io.hpkafka.config.Configuration;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.group.OffsetsCommitted;
import io.hpkafka.group.PartitionsAssigned;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an application steers a consumer with, against a real broker: partition pause and resume, seek (the retry of a
 * failed record), commits of marked records only, the revoking hook before the revoke commit, and the list of the
 * cluster's topics.
 */
@HpKafkaCluster
class ConsumerControlTest {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final Duration SESSION = Duration.ofSeconds(6);

    @Test
    void aPausedPartitionDeliversNothingWhileTheOtherGoesOnAndResumesAtItsNextOffset(KafkaTestCluster kafka) {
        String topic = "pause-partition-" + RUN;
        kafka.createTopic(topic, 2, 1);
        try (ClusterClient client = new ClusterClient(config(kafka, "pause-partition").build())) {
            produce(client, topic, 0, 20);
            produce(client, topic, 1, 20);
            Seen seen = new Seen();
            KafkaConsumer<byte[], byte[]> consumer = client.newConsumer();
            consumer.onRecordReceived(r -> {
                seen.add(r.partition(), r.offset());
                if (r.partition() == 0 && r.offset() == 4) {
                    consumer.pause(topic, 0);
                }
            });
            consumer.consumeFromEarliest(topic, 0);
            consumer.consumeFromEarliest(topic, 1);
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.of(1).size() == 20);
            sleep(300);
            assertThat(seen.of(0)).containsExactlyElementsOf(range(0, 5));

            consumer.resume(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.of(0).size() == 20);
            assertThat(seen.of(0)).containsExactlyElementsOf(range(0, 20));
        }
    }

    @Test
    void aSeekRedeliversFromTheOffsetAndASeekOfAPartitionNotConsumedStartsNothing(KafkaTestCluster kafka) {
        String topic = "seek-" + RUN;
        kafka.createTopic(topic, 2, 1);
        try (ClusterClient client = new ClusterClient(config(kafka, "seek").build())) {
            produce(client, topic, 0, 10);
            produce(client, topic, 1, 10);
            Seen seen = new Seen();
            KafkaConsumer<byte[], byte[]> consumer = client.newConsumer();
            consumer.onRecordReceived(r -> seen.add(r.partition(), r.offset()));
            consumer.seek(topic, 0, 5); // not consumed yet: no effect
            consumer.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.of(0).size() == 10);

            consumer.seek(topic, 0, 3);
            consumer.seek(topic, 1, 0); // never consumed by this consumer
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.of(0).size() == 17);
            sleep(300);
            List<Long> expected = new ArrayList<>(range(0, 10));
            expected.addAll(range(3, 10));
            assertThat(seen.of(0)).containsExactlyElementsOf(expected);
            assertThat(seen.of(1)).isEmpty();
        }
    }

    @Test
    void aListenerRetriesAFailedRecordWithPauseSeekAndResumeAndNoCommitPassesIt(KafkaTestCluster kafka) {
        String topic = "retry-" + RUN;
        kafka.createTopic(topic, 2, 1);
        TopicPartition failing = new TopicPartition(topic, 0);
        try (ClusterClient client = new ClusterClient(config(kafka, "retry").build())) {
            KafkaConsumer<byte[], byte[]> member = client.newConsumer();
            Seen processed = new Seen();
            AtomicBoolean failedOnce = new AtomicBoolean();
            List<OffsetsCommitted> commits = new CopyOnWriteArrayList<>();
            List<PartitionsAssigned> assignments = new CopyOnWriteArrayList<>();
            member.onOffsetsCommitted(commits::add);
            member.onPartitionsAssigned(assignments::add);
            member.onRecordReceived(r -> {
                if (r.partition() == 0 && r.offset() == 5 && failedOnce.compareAndSet(false, true)) {
                    // The handler failed: hold this partition only, and see the record again later.
                    member.pause(topic, 0);
                    member.seek(topic, 0, 5);
                    return;
                }
                processed.add(r.partition(), r.offset());
            });
            member.subscribe("retry-" + RUN, List.of(topic), groupConfig().autoCommitEveryMs(50).build());
            await().atMost(20, TimeUnit.SECONDS).until(() -> !assignments.isEmpty()
                    && assignments.get(assignments.size() - 1).partitions().size() == 2);
            produce(client, topic, 0, 20);
            produce(client, topic, 1, 20);
            await().atMost(30, TimeUnit.SECONDS).until(() -> processed.of(1).size() == 20 && failedOnce.get());
            sleep(500); // several auto-commits
            assertThat(processed.of(0)).containsExactlyElementsOf(range(0, 5));
            assertThat(commits).as("commits of the failing partition").flatMap(c -> c.offsets().entrySet().stream()
                    .filter(e -> e.getKey().equals(failing)).map(Map.Entry::getValue).toList())
                    .allSatisfy(offset -> assertThat(offset).isLessThanOrEqualTo(5L));
            assertThat(lastCommitted(commits, new TopicPartition(topic, 1))).isEqualTo(20L);

            member.resume(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> processed.of(0).size() == 20);
            assertThat(processed.of(0)).containsExactlyElementsOf(range(0, 20));
            await().atMost(10, TimeUnit.SECONDS).until(() -> Long.valueOf(20).equals(lastCommitted(commits, failing)));
        }
    }

    @Test
    void aMemberPartitionPauseEndsWithARebalanceAndATopicPauseOutlastsIt(KafkaTestCluster kafka) {
        String topic = "pause-rebalance-" + RUN;
        String paused = "pause-rebalance-topic-" + RUN;
        String group = "pause-rebalance-" + RUN;
        kafka.createTopic(topic, 2, 1);
        kafka.createTopic(paused, 1, 1);
        ConsumerGroupConfiguration groupConfig = groupConfig().build();
        try (ClusterClient client = new ClusterClient(config(kafka, "pause-rebalance").build())) {
            KafkaConsumer<byte[], byte[]> member = client.newConsumer();
            Seen seen = new Seen();
            List<PartitionsAssigned> assignments = new CopyOnWriteArrayList<>();
            member.onPartitionsAssigned(assignments::add);
            member.onRecordReceived(r -> seen.add(r.topic().equals(paused) ? 9 : r.partition(), r.offset()));
            member.subscribe(group, List.of(topic, paused), groupConfig);
            await().atMost(20, TimeUnit.SECONDS).until(() -> assignments.size() == 1
                    && assignments.get(0).partitions().size() == 3);
            member.pause(topic, 0);
            member.pause(paused);
            produce(client, topic, 0, 5);
            produce(client, topic, 1, 5);
            produce(client, paused, 0, 5);
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.of(1).size() == 5);
            sleep(300);
            assertThat(seen.of(0)).isEmpty();

            // Another member joins and leaves: two rebalances, each giving the partitions up.
            try (ClusterClient other = new ClusterClient(config(kafka, "pause-rebalance-other").build())) {
                KafkaConsumer<byte[], byte[]> second = other.newConsumer();
                List<PartitionsAssigned> secondAssigned = new CopyOnWriteArrayList<>();
                second.onPartitionsAssigned(secondAssigned::add);
                second.pause(topic); // it must not consume what it is given here
                second.pause(paused);
                second.subscribe(group, List.of(topic, paused), groupConfig);
                await().atMost(20, TimeUnit.SECONDS).until(() -> !secondAssigned.isEmpty());
            }
            await().atMost(20, TimeUnit.SECONDS).until(() -> assignments.size() >= 3
                    && assignments.get(assignments.size() - 1).partitions().size() == 3);
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.of(0).size() == 5);
            assertThat(seen.of(0)).as("assigned again, unpaused").containsExactlyElementsOf(range(0, 5));
            sleep(300);
            assertThat(seen.of(9)).as("the topic pause outlasts the rebalances").isEmpty();
            member.resume(paused);
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.of(9).size() == 5);
        }
    }

    @Test
    void withCommitMarkedOnlyCommitsCarryTheHighestMarkAndTheNextMemberResumesThere(KafkaTestCluster kafka)
            throws Exception {
        String topic = "marks-" + RUN;
        String group = "marks-" + RUN;
        kafka.createTopic(topic, 1, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        ConsumerGroupConfiguration marked = groupConfig().commitMarkedOnly(true).autoCommitEveryMs(200).build();
        List<OffsetsCommitted> commits = new CopyOnWriteArrayList<>();
        CountDownLatch checked = new CountDownLatch(1);
        AtomicBoolean committedInListener = new AtomicBoolean();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             ClusterClient client = new ClusterClient(config(kafka, "marks").build())) {
            produce(client, topic, 0, 20);
            KafkaConsumer<byte[], byte[]> member = client.newConsumer();
            AtomicLong seen = new AtomicLong();
            member.onOffsetsCommitted(commits::add);
            member.onRecordReceived(r -> {
                seen.incrementAndGet();
                if (r.offset() <= 9) {
                    member.markProcessed(r.topic(), r.partition(), r.offset());
                }
                if (r.offset() == 4) {
                    member.commitAsync().join(); // carries the mark just made
                    committedInListener.set(true);
                    awaitLatch(checked); // nothing more is marked until the test has read the stored offset
                }
            });
            member.subscribe(group, List.of(topic), marked);
            await().atMost(30, TimeUnit.SECONDS).untilTrue(committedInListener);
            assertThat(storedOffset(admin, group, topic)).isEqualTo(5L);
            checked.countDown();

            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.get() == 20);
            // Only auto-commits run from here on: they carry the highest mark, never what was delivered.
            await().atMost(10, TimeUnit.SECONDS).until(() -> Long.valueOf(10).equals(lastCommitted(commits, tp)));
            member.markProcessed(topic, 0, 3); // lower: ignored
            member.commit();
            sleep(500);
            assertThat(storedOffset(admin, group, topic)).isEqualTo(10L);
        }
        try (ClusterClient next = new ClusterClient(config(kafka, "marks-next").build())) {
            List<Long> offsets = new CopyOnWriteArrayList<>();
            next.onMessageReceived(r -> offsets.add(r.offset()));
            next.subscribe(group, List.of(topic), groupConfig().build());
            await().atMost(30, TimeUnit.SECONDS).until(() -> offsets.size() == 10);
            assertThat(offsets).containsExactlyElementsOf(range(10, 20));
        }
    }

    @Test
    void aRevokingListenerMarksWhatItBufferedAndTheRevokeCommitCarriesIt(KafkaTestCluster kafka) {
        String topic = "revoking-" + RUN;
        String group = "revoking-" + RUN;
        kafka.createTopic(topic, 2, 1);
        ConsumerGroupConfiguration marked = groupConfig().commitMarkedOnly(true).autoCommitEveryMs(0).build();
        List<String> events = new CopyOnWriteArrayList<>();
        Map<TopicPartition, Long> buffered = new ConcurrentHashMap<>();
        ClusterClient first = new ClusterClient(config(kafka, "revoking-a").build());
        try (first) {
            KafkaConsumer<byte[], byte[]> member = first.newConsumer();
            List<PartitionsAssigned> assignments = new CopyOnWriteArrayList<>();
            member.onPartitionsAssigned(assignments::add);
            AtomicLong received = new AtomicLong();
            member.onRecordReceived(r -> {
                // Buffered for a batch that is never finished by itself: nothing is marked here.
                buffered.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::max);
                received.incrementAndGet();
            });
            member.onPartitionsRevoking(e -> {
                events.add("revoking lost=" + e.lost() + " " + e.partitions().size());
                for (TopicPartition tp : e.partitions()) {
                    Long last = buffered.remove(tp);
                    if (last != null) {
                        member.markProcessed(tp.topic(), tp.partition(), last); // the batch is finished now
                    }
                }
            });
            member.onPartitionsRevoked(e -> events.add("revoked lost=" + e.lost() + " " + e.partitions().size()));
            member.subscribe(group, List.of(topic), marked);
            await().atMost(20, TimeUnit.SECONDS).until(() -> assignments.size() == 1
                    && assignments.get(0).partitions().size() == 2);
            produce(first, topic, 0, 10);
            produce(first, topic, 1, 10);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.get() == 20);

            // A second member joins: the first gives both partitions up (marking its buffer), then gets one back.
            try (ClusterClient second = new ClusterClient(config(kafka, "revoking-b").build())) {
                List<Long> firstOffsetSeen = new CopyOnWriteArrayList<>();
                second.onMessageReceived(r -> firstOffsetSeen.add(r.offset()));
                List<PartitionsAssigned> secondAssigned = new CopyOnWriteArrayList<>();
                second.onPartitionsAssigned(secondAssigned::add);
                second.subscribe(group, List.of(topic), marked);
                await().atMost(20, TimeUnit.SECONDS).until(() -> !secondAssigned.isEmpty()
                        && secondAssigned.get(0).partitions().size() == 1);
                int itsPartition = secondAssigned.get(0).partitions().get(0).partition();
                produce(first, topic, itsPartition, 5);
                await().atMost(30, TimeUnit.SECONDS).until(() -> firstOffsetSeen.size() == 5);
                assertThat(firstOffsetSeen).as("resumes after the marks of the revoking listener")
                        .containsExactlyElementsOf(range(10, 15));
            }
        }
        assertThat(events.subList(0, 2)).containsExactly("revoking lost=false 2", "revoked lost=false 2");
    }

    @Test
    void topicsListsTheClusterTopicsWithoutTheInternalOnes(KafkaTestCluster kafka) throws Exception {
        String one = "listed-one-" + RUN;
        String two = "listed-two-" + RUN;
        kafka.createTopic(one, 1, 1);
        kafka.createTopic(two, 3, 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             ClusterClient client = new ClusterClient(config(kafka, "topics").build())) {
            // A group coordinator lookup makes the broker create __consumer_offsets.
            admin.listConsumerGroupOffsets("listed-" + RUN).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            await().atMost(30, TimeUnit.SECONDS).until(() -> admin.listTopics(
                    new ListTopicsOptions().listInternal(true)).names().get().contains("__consumer_offsets"));
            Set<String> userTopics = admin.listTopics().names().get(10, TimeUnit.SECONDS);

            Set<String> topics = client.topics().get(10, TimeUnit.SECONDS);
            assertThat(topics).contains(one, two).doesNotContain("__consumer_offsets").containsAll(userTopics);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Offsets delivered per partition, in delivery order. */
    private static final class Seen {
        private final Map<Integer, List<Long>> offsets = new ConcurrentHashMap<>();

        void add(int partition, long offset) {
            offsets.computeIfAbsent(partition, p -> new CopyOnWriteArrayList<>()).add(offset);
        }

        List<Long> of(int partition) {
            return List.copyOf(offsets.getOrDefault(partition, List.of()));
        }
    }

    private static long storedOffset(Admin admin, String group, String topic) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .get(new org.apache.kafka.common.TopicPartition(topic, 0)).offset();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Long lastCommitted(List<OffsetsCommitted> commits, TopicPartition tp) {
        Long last = null;
        for (OffsetsCommitted c : commits) {
            Long offset = c.offsets().get(tp);
            if (offset != null) {
                last = offset;
            }
        }
        return last;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    private static void produce(ClusterClient client, String topic, int partition, int count) {
        AtomicLong acknowledged = new AtomicLong();
        try (var registration = client.onAcknowledged(a -> {
            if (a.topic().equals(topic) && a.partition() == partition) {
                acknowledged.addAndGet(a.recordCount());
            }
        })) {
            for (int i = 0; i < count; i++) {
                client.produce(topic, null, Integer.toString(i).getBytes(), partition);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> acknowledged.get() == count);
        }
    }

    private static ConsumerGroupConfiguration.Builder groupConfig() {
        return ConsumerGroupConfiguration.builder().sessionTimeout(SESSION).rebalanceTimeout(SESSION)
                .heartbeatInterval(Duration.ofMillis(300)).defaultOffset(DefaultOffset.EARLIEST)
                .coordinatorDiscoveryRetryTime(Duration.ofMillis(200));
    }

    private static Configuration.Builder config(KafkaTestCluster kafka, String clientId) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId(clientId + "-" + RUN)
                .fetchMaxWaitTimeMs(50).produceBufferingTime(Duration.ofMillis(2));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
