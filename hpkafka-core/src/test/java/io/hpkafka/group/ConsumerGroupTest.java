package io.hpkafka.group;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.config.AssignmentStrategy;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.HpKafkaClusterExtension;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer groups against a real broker: partitions owned by one member at a time, records processed once across
 * rebalances (commit on revoke), a frozen member replaced within the session timeout, a group shared with the Java
 * client, a coordinator restart, committed offsets that never go backwards, and auto-commit through churn.
 */
@HpKafkaCluster
class ConsumerGroupTest {

    private static final Duration SESSION = Duration.ofSeconds(6);
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Test
    void partitionsMoveBetweenMembersWithEveryRecordProcessedExactlyOnce(KafkaTestCluster kafka) {
        String topic = "group-twelve-" + RUN;
        String group = "twelve-" + RUN;
        kafka.createTopic(topic, 12, 1);
        Ledger ledger = new Ledger();
        ConsumerGroupConfiguration groupConfig = groupConfig().autoCommitEveryMs(0).build(); // commit on revoke only
        List<ClusterClient> members = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka)) {
            produce(producer, topic, 12, 0, 50);
            for (int i = 0; i < 3; i++) {
                members.add(member(kafka, "m" + i, group, topic, groupConfig, ledger));
            }
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().equals(Map.of("m0", 4, "m1", 4,
                    "m2", 4)) && ledger.total.get() >= 600);

            produce(producer, topic, 12, 50, 50);
            members.add(member(kafka, "m3", group, topic, groupConfig, ledger));
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().equals(Map.of("m0", 3, "m1", 3,
                    "m2", 3, "m3", 3)));
            produce(producer, topic, 12, 100, 50);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() >= 1800);

            members.remove(0).close();
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().equals(Map.of("m1", 4, "m2", 4,
                    "m3", 4)));
            produce(producer, topic, 12, 150, 50);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() >= 2400);
        } finally {
            members.forEach(ClusterClient::close);
        }
        assertThat(ledger.violations).isEmpty();
        assertThat(ledger.distinct()).isEqualTo(2400);
        assertThat(ledger.duplicates()).as("records processed twice").isEmpty();
    }

    @Test
    void aFrozenMemberLosesItsPartitionsWithinTheSessionTimeoutAndTheOtherResumesAtItsCommit(KafkaTestCluster kafka)
            throws Exception {
        String topic = "group-frozen-" + RUN;
        String group = "frozen-" + RUN;
        kafka.createTopic(topic, 2, 1);
        ExecutorService pool = Executors.newCachedThreadPool();
        AtomicBoolean frozen = new AtomicBoolean();
        // A process stopped dead (kill -STOP, long GC): its driver tasks never run again, its sockets stay open.
        Executor freezable = task -> {
            if (!frozen.get()) {
                pool.execute(task);
            }
        };
        ConsumerGroupConfiguration groupConfig = groupConfig().autoCommitEveryMs(0).build();
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        Map<String, Set<TopicPartition>> owned = new ConcurrentHashMap<>();
        ClusterClient a = new ClusterClient(config(kafka, "frozen-a").executor(freezable).build());
        ClusterClient b = new ClusterClient(config(kafka, "frozen-b").build());
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka)) {
            for (var e : Map.of("a", a, "b", b).entrySet()) {
                e.getValue().onPartitionsAssigned(ev -> owned.put(e.getKey(), Set.copyOf(ev.partitions())));
                e.getValue().onMessageReceived(r -> seen.computeIfAbsent(e.getKey() + r.partition(),
                        k -> new CopyOnWriteArrayList<>()).add(r.offset()));
                e.getValue().subscribe(group, List.of(topic), groupConfig);
            }
            await().atMost(20, TimeUnit.SECONDS).until(() -> owned.getOrDefault("a", Set.of()).size() == 1
                    && owned.getOrDefault("b", Set.of()).size() == 1);
            int partitionOfA = owned.get("a").iterator().next().partition();
            produce(producer, topic, 2, 0, 100);
            await().atMost(10, TimeUnit.SECONDS).until(() -> seen.getOrDefault("a" + partitionOfA, List.of()).size() == 100);
            a.commit();
            // Processed but not committed: the next owner processes these again (at least once).
            produce(producer, topic, 2, 100, 10);
            await().atMost(10, TimeUnit.SECONDS).until(() -> seen.get("a" + partitionOfA).size() == 110);

            frozen.set(true);
            long frozenAt = System.nanoTime();
            await().atMost(SESSION.plusSeconds(4)).until(() -> owned.get("b").size() == 2);
            long reassignedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);
            await().atMost(10, TimeUnit.SECONDS).until(() -> seen.getOrDefault("b" + partitionOfA, List.of()).size() >= 10);
            assertThat(seen.get("b" + partitionOfA).get(0)).as("resumes at the frozen member's commit").isEqualTo(100L);
            assertThat(reassignedMs).isLessThanOrEqualTo(SESSION.toMillis() + 4000);
        } finally {
            b.close();
            a.close(Duration.ofMillis(200));
            pool.shutdownNow();
        }
    }

    /** The first member to join leads the group and computes the assignment: each client leads once. */
    @ParameterizedTest(name = "{0}, hpkafka leads: {1}")
    @CsvSource({"RANGE, true", "ROUND_ROBIN, false"})
    void aJavaClientMemberSharesTheGroup(AssignmentStrategy strategy, boolean hpkafkaFirst, KafkaTestCluster kafka)
            throws Exception {
        String topic = "group-mixed-" + strategy + "-" + RUN;
        String group = "mixed-" + strategy + "-" + RUN;
        kafka.createTopic(topic, 4, 1);
        Ledger ledger = new Ledger();
        Set<Integer> javaOwned = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicInteger> javaProcessed = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "java-member");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, strategy == AssignmentStrategy.RANGE
                ? RangeAssignor.class.getName() : RoundRobinAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION.toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Thread javaMember = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of(topic));
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        javaProcessed.computeIfAbsent(r.partition(), p -> new AtomicInteger()).incrementAndGet();
                    }
                    Set<Integer> now = new HashSet<>();
                    consumer.assignment().forEach(tp -> now.add(tp.partition()));
                    javaOwned.retainAll(now);
                    javaOwned.addAll(now);
                }
            }
        }, "java-member");
        ClusterClient ours = null;
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka)) {
            ConsumerGroupConfiguration groupConfig = groupConfig().assignmentStrategies(List.of(strategy)).build();
            if (hpkafkaFirst) {
                ours = member(kafka, "hp", group, topic, groupConfig, ledger);
                await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("hp", 0) == 4);
                javaMember.start();
            } else {
                javaMember.start();
                await().atMost(20, TimeUnit.SECONDS).until(() -> javaOwned.size() == 4);
                ours = member(kafka, "hp", group, topic, groupConfig, ledger);
            }
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("hp", 0) == 2
                    && javaOwned.size() == 2);
            Set<Integer> ourPartitions = new HashSet<>();
            ledger.owner().forEach((tp, who) -> ourPartitions.add(tp.partition()));
            assertThat(ourPartitions).doesNotContainAnyElementsOf(javaOwned);

            produce(producer, topic, 4, 0, 100);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct()
                    + javaProcessed.values().stream().mapToInt(AtomicInteger::get).sum() >= 400);
            for (int p : ourPartitions) {
                assertThat(javaProcessed.get(p)).as("partition %d is ours", p).isNull();
            }
            assertThat(ledger.distinct()).isEqualTo(200);
        } finally {
            stop.set(true);
            if (javaMember.isAlive()) {
                javaMember.join(10_000);
            }
            if (ours != null) {
                ours.close();
            }
        }
        assertThat(ledger.violations).isEmpty();
    }

    @Test
    void aToBToAUnderManualCommitsResumesAtTheLastCommitAndCommitsNeverGoBack(KafkaTestCluster kafka)
            throws Exception {
        String topic = "group-aba-" + RUN;
        String group = "aba-" + RUN;
        kafka.createTopic(topic, 1, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        Ledger ledger = new Ledger();
        ConsumerGroupConfiguration manual = groupConfig().autoCommitEveryMs(0).build();
        List<Long> observed = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                while (watching.get()) {
                    OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                            .get(new org.apache.kafka.common.TopicPartition(topic, 0));
                    if (o != null) {
                        observed.add(o.offset());
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                observed.add(-1L); // fails the monotonic check below, with a trace of why
                e.printStackTrace();
            }
        }, "committed-offsets-watcher");
        watcher.start();
        // Member ids start with the client id and the range assignor gives the partition to the smallest one.
        ClusterClient a = null;
        ClusterClient b = null;
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka)) {
            produce(producer, topic, 1, 0, 100);
            a = member(kafka, "m-z", group, topic, manual, ledger);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() == 100);
            a.commit();

            b = member(kafka, "m-a", group, topic, manual, ledger);
            await().atMost(20, TimeUnit.SECONDS).until(() -> "m-a".equals(ledger.owner().get(tp)));
            produce(producer, topic, 1, 100, 100);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() == 200);
            b.commit();
            produce(producer, topic, 1, 200, 20);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() == 220);
            b.close(); // commits 220 before leaving

            await().atMost(20, TimeUnit.SECONDS).until(() -> "m-z".equals(ledger.owner().get(tp)));
            produce(producer, topic, 1, 220, 30);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() == 250);
            a.commit();
            await().atMost(5, TimeUnit.SECONDS).until(() -> !observed.isEmpty() && observed.get(observed.size() - 1) == 250);
        } finally {
            watching.set(false);
            watcher.join(5000);
            if (a != null) {
                a.close();
            }
        }
        assertThat(ledger.violations).isEmpty();
        assertThat(ledger.duplicates()).isEmpty();
        assertThat(ledger.firstAfterHandover).containsExactly("m-z@0", "m-a@100", "m-z@220");
        assertThat(observed).isSortedAccordingTo(Long::compare).contains(100L, 200L, 220L, 250L);
    }

    @Test
    void autoCommitKeepsGoingWhileAnotherMemberJoinsAndLeaves(KafkaTestCluster kafka) throws Exception {
        String topic = "group-churn-" + RUN;
        String group = "churn-" + RUN;
        kafka.createTopic(topic, 4, 1);
        Ledger ledger = new Ledger();
        ConsumerGroupConfiguration auto = groupConfig().autoCommitEveryMs(100).build();
        List<OffsetsCommitted> commits = new CopyOnWriteArrayList<>();
        List<CommitFailed> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong produced = new AtomicLong();
        ClusterClient first = null;
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka)) {
            Thread feeder = new Thread(() -> {
                for (int i = 0; producing.get(); i++) {
                    producer.send(new ProducerRecord<>(topic, i % 4, null, Integer.toString(i / 4).getBytes()));
                    produced.incrementAndGet();
                    sleep(2);
                }
                producer.flush();
            }, "feeder");
            first = member(kafka, "first", group, topic, auto, ledger);
            first.onOffsetsCommitted(commits::add);
            first.onCommitFailed(failures::add);
            feeder.start();
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("first", 0) == 4);
            for (int round = 0; round < 3; round++) {
                ClusterClient other = member(kafka, "other", group, topic, auto, ledger);
                await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("other", 0) == 2);
                other.close();
                await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("first", 0) == 4);
            }
            int commitsBefore = commits.size();
            long processedBefore = ledger.total.get();
            await().atMost(5, TimeUnit.SECONDS).until(() -> commits.size() > commitsBefore + 3
                    && ledger.total.get() > processedBefore + 100);
            producing.set(false);
            feeder.join(5000);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() >= produced.get());
        } finally {
            if (first != null) {
                first.close();
            }
        }
        assertThat(ledger.violations).isEmpty();
        assertThat(ledger.distinct()).isEqualTo(produced.get());
        // Commits that raced a rebalance may fail; each was reported, and none stopped the member.
        failures.forEach(f -> assertThat(f.error()).isNotBlank());
    }

    @Test
    void aRestartedCoordinatorIsFoundAgainAndTheNextCommitSucceeds(KafkaTestCluster kafka) throws Exception {
        HpKafkaClusterExtension.assumeBrokerControl(kafka);
        String topic = "group-restart-" + RUN;
        String group = "restart-" + RUN;
        kafka.createTopic(topic, 2, 1);
        Ledger ledger = new Ledger();
        List<OffsetsCommitted> commits = new CopyOnWriteArrayList<>();
        List<CommitFailed> failures = new CopyOnWriteArrayList<>();
        List<PartitionsRevoked> revocations = new CopyOnWriteArrayList<>();
        int broker = kafka.brokerIds().get(0);
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka);
             ClusterClient member = member(kafka, "restart", group, topic, groupConfig().autoCommitEveryMs(0)
                     .build(), ledger)) {
            member.onOffsetsCommitted(commits::add);
            member.onCommitFailed(failures::add);
            member.onPartitionsRevoked(revocations::add);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("restart", 0) == 2);
            produce(producer, topic, 2, 0, 50);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() == 100);
            member.commit();
            produce(producer, topic, 2, 50, 5); // processed, never committed
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() == 110);

            kafka.stopBroker(broker);
            try {
                Thread.sleep(10_000);
            } finally {
                kafka.startBroker(broker);
            }
            // Longer than the session timeout: the member counted its partitions lost and said so.
            assertThat(revocations).anySatisfy(r -> assertThat(r.lost()).isTrue());
            assertThat(failures).anySatisfy(f -> assertThat(f.error()).contains("partitions lost"));
            produce(producer, topic, 2, 55, 50);
            await().atMost(30, TimeUnit.SECONDS).until(() -> ledger.distinct() == 210);
            commits.clear();
            member.commit();
            assertThat(commits).isNotEmpty();
            Map<TopicPartition, Long> last = new HashMap<>();
            commits.forEach(c -> last.putAll(c.offsets()));
            assertThat(last).containsEntry(new TopicPartition(topic, 0), 105L)
                    .containsEntry(new TopicPartition(topic, 1), 105L);
        }
        assertThat(ledger.violations).isEmpty();
        // Resumed at the committed offsets: only the uncommitted records came again.
        assertThat(ledger.duplicates()).hasSize(10);
    }

    @Test
    void aSlowHandlerKeepsItsMembershipAndFinishesItsRecordBeforeARebalance(KafkaTestCluster kafka) {
        String topic = "group-slow-" + RUN;
        String group = "slow-" + RUN;
        kafka.createTopic(topic, 2, 1);
        Ledger ledger = new Ledger();
        List<PartitionsRevoked> revocations = new CopyOnWriteArrayList<>();
        AtomicBoolean slept = new AtomicBoolean();
        ConsumerGroupConfiguration groupConfig = groupConfig().autoCommitEveryMs(0)
                .rebalanceTimeout(Duration.ofSeconds(15)).build();
        ClusterClient slow = new ClusterClient(config(kafka, "slow").build());
        ClusterClient fast = null;
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka)) {
            ledger.attach(slow, "slow");
            slow.onPartitionsRevoked(revocations::add);
            // One record takes longer than the session timeout: heartbeats must not wait for it.
            slow.onMessageReceived(r -> {
                if (slept.compareAndSet(false, true)) {
                    sleep(SESSION.toMillis() + 1500);
                }
            });
            slow.subscribe(group, List.of(topic), groupConfig);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("slow", 0) == 2);
            produce(producer, topic, 2, 0, 20);
            await().atMost(10, TimeUnit.SECONDS).untilTrue(slept);
            fast = member(kafka, "fast", group, topic, groupConfig, ledger);
            await().atMost(25, TimeUnit.SECONDS).until(() -> ledger.ownership().equals(Map.of("slow", 1, "fast", 1))
                    && ledger.distinct() == 40);
        } finally {
            slow.close();
            if (fast != null) {
                fast.close();
            }
        }
        assertThat(revocations).isNotEmpty().noneMatch(PartitionsRevoked::lost);
        assertThat(ledger.violations).isEmpty();
        assertThat(ledger.duplicates()).isEmpty();
    }

    @Test
    void theLeaderRebalancesWhenPartitionsAreAddedToASubscribedTopic(KafkaTestCluster kafka) throws Exception {
        String topic = "group-grow-" + RUN;
        kafka.createTopic(topic, 2, 1);
        Ledger ledger = new Ledger();
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             ClusterClient member = new ClusterClient(config(kafka, "grower")
                     .refreshMetadataInterval(Duration.ofMillis(300)).build())) {
            ledger.attach(member, "grower");
            member.subscribe("grow-" + RUN, List.of(topic), groupConfig().build());
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("grower", 0) == 2);
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get(10, TimeUnit.SECONDS);
            await().atMost(15, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("grower", 0) == 4);
            produce(producer, topic, 4, 0, 5);
            await().atMost(10, TimeUnit.SECONDS).until(() -> ledger.distinct() == 20);
        }
        assertThat(ledger.violations).isEmpty();
    }

    @Test
    void pauseAndResumeWorkInGroupMode(KafkaTestCluster kafka) {
        String topic = "group-pause-" + RUN;
        kafka.createTopic(topic, 2, 1);
        Ledger ledger = new Ledger();
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka);
             ClusterClient member = member(kafka, "pauser", "pause-" + RUN, topic, groupConfig().build(), ledger)) {
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().getOrDefault("pauser", 0) == 2);
            member.pause(topic);
            produce(producer, topic, 2, 0, 10);
            sleep(500);
            assertThat(ledger.distinct()).isZero();
            member.resume(topic);
            await().atMost(10, TimeUnit.SECONDS).until(() -> ledger.distinct() == 20);
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Who owns which partition (from assigned / revoked events) and what each member processed. A record processed
     * by a member that does not own its partition, or an assignment of an owned partition, is a violation.
     */
    static final class Ledger {
        final List<String> violations = new CopyOnWriteArrayList<>();
        final AtomicLong total = new AtomicLong();
        final List<String> firstAfterHandover = new CopyOnWriteArrayList<>();
        private final Map<TopicPartition, String> owner = new HashMap<>();
        private final Map<String, Integer> processed = new HashMap<>();
        private final Map<TopicPartition, String> lastProcessor = new HashMap<>();

        void attach(ClusterClient client, String name) {
            client.onPartitionsAssigned(e -> {
                synchronized (this) {
                    for (TopicPartition tp : e.partitions()) {
                        String previous = owner.putIfAbsent(tp, name);
                        if (previous != null) {
                            violations.add(name + " was assigned " + tp + " still owned by " + previous);
                        }
                    }
                }
            });
            client.onPartitionsRevoked(e -> {
                synchronized (this) {
                    e.partitions().forEach(tp -> owner.remove(tp, name));
                }
            });
            client.onMessageReceived(r -> {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                synchronized (this) {
                    if (!name.equals(owner.get(tp))) {
                        violations.add(name + " processed " + tp + "@" + r.offset() + " owned by " + owner.get(tp));
                    }
                    if (!name.equals(lastProcessor.put(tp, name))) {
                        firstAfterHandover.add(name + "@" + r.offset());
                    }
                    processed.merge(tp + "@" + r.offset(), 1, Integer::sum);
                }
                total.incrementAndGet();
            });
        }

        synchronized Map<TopicPartition, String> owner() {
            return Map.copyOf(owner);
        }

        synchronized Map<String, Integer> ownership() {
            Map<String, Integer> counts = new HashMap<>();
            owner.values().forEach(m -> counts.merge(m, 1, Integer::sum));
            return counts;
        }

        synchronized long distinct() {
            return processed.size();
        }

        synchronized List<String> duplicates() {
            return processed.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        }
    }

    @Test
    void aGroupWhoseMembersUseAnAssignorWeDoNotOfferRefusesUsOnceWithAnEventAndNoEndlessRetries(
            KafkaTestCluster kafka) throws Exception {
        String topic = "group-inconsistent-" + RUN;
        String group = "inconsistent-" + RUN;
        kafka.createTopic(topic, 2, 1);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger javaRecords = new AtomicInteger();
        AtomicInteger javaRebalances = new AtomicInteger();
        Thread javaMember = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of(topic), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(java.util.Collection<org.apache.kafka.common.TopicPartition> p) {
                    }

                    @Override
                    public void onPartitionsAssigned(java.util.Collection<org.apache.kafka.common.TopicPartition> p) {
                        javaRebalances.incrementAndGet();
                    }
                });
                while (!stop.get()) {
                    javaRecords.addAndGet(consumer.poll(Duration.ofMillis(100)).count());
                }
            }
        }, "java-cooperative-member");
        CopyOnWriteArrayList<io.hpkafka.consumer.ConsumerError> errors = new CopyOnWriteArrayList<>();
        AtomicInteger ours = new AtomicInteger();
        javaMember.start();
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka);
                ClusterClient client = new ClusterClient(config(kafka, "hp-range-only").build())) {
            await().atMost(30, TimeUnit.SECONDS).until(() -> javaRebalances.get() >= 1);
            client.onConsumerError(errors::add);
            client.onMessageReceived(r -> ours.incrementAndGet());
            client.subscribe(group, List.of(topic),
                    groupConfig().assignmentStrategies(List.of(AssignmentStrategy.RANGE)).build());
            await().atMost(30, TimeUnit.SECONDS).until(() -> !errors.isEmpty());
            assertThat(errors.get(0).kind()).isEqualTo(io.hpkafka.consumer.ConsumerError.Kind.GROUP);
            assertThat(errors.get(0).retrying()).isFalse();
            assertThat(errors.get(0).error()).contains("INCONSISTENT_GROUP_PROTOCOL").contains("RANGE");
            // The group is left alone: records still go to the Java member only, and no second attempt is reported
            // by the time they have all arrived (a retry loop joins again every 200 ms here).
            int before = javaRebalances.get();
            produce(producer, topic, 2, 0, 50);
            await().atMost(30, TimeUnit.SECONDS).until(() -> javaRecords.get() == 100);
            Thread.sleep(1_000);
            assertThat(errors).hasSize(1);
            assertThat(ours.get()).isZero();
            assertThat(javaRebalances.get()).isEqualTo(before);
        } finally {
            stop.set(true);
            javaMember.join(10_000);
        }
    }

    static ClusterClient member(KafkaTestCluster kafka, String name, String group, String topic,
                                        ConsumerGroupConfiguration groupConfig, Ledger ledger) {
        ClusterClient client = new ClusterClient(config(kafka, name).build());
        ledger.attach(client, name);
        client.subscribe(group, List.of(topic), groupConfig);
        return client;
    }

    static ConsumerGroupConfiguration.Builder groupConfig() {
        return ConsumerGroupConfiguration.builder().sessionTimeout(SESSION).rebalanceTimeout(SESSION)
                .heartbeatInterval(Duration.ofMillis(300)).defaultOffset(DefaultOffset.EARLIEST)
                .coordinatorDiscoveryRetryTime(Duration.ofMillis(200));
    }

    static Configuration.Builder config(KafkaTestCluster kafka, String clientId) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId(clientId).fetchMaxWaitTimeMs(50);
    }

    static void produce(KafkaProducer<byte[], byte[]> producer, String topic, int partitions, int from,
                                int perPartition) {
        for (int i = from; i < from + perPartition; i++) {
            for (int p = 0; p < partitions; p++) {
                producer.send(new ProducerRecord<>(topic, p, null, Integer.toString(i).getBytes()));
            }
        }
        producer.flush();
    }

    static KafkaProducer<byte[], byte[]> javaProducer(KafkaTestCluster kafka) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(props);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
