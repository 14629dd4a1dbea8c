package io.hpkafka.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.config.RequiredAcks;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.proxy.Direction;
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
 * Steady produce (acks=all, {@link ErrorStrategy#RETRY}) and a consumer group of two hpkafka members committing every
 * 500 ms, all through a {@link FaultProxy} in front of the broker, while the proxy misbehaves for 12 s; a third member
 * joins halfway through, so the group rebalances under the fault. Afterwards:
 * every produced record ended acknowledged, discarded or expired; every acknowledged record is in the topic (read by
 * the official client); the group delivered every offset of the topic under the rules of {@link GroupLedger}
 * (exactly once within an assignment, again only what was not committed yet); committed offsets never decreased,
 * seen both in the members' OffsetsCommitted events and by the official Admin client reading them all along.
 */
class ProxyFaultsTest {

    private static final int PARTITIONS = 4;
    private static final int REQUEST_TIMEOUT_MS = 3_000;
    private static final int CLIENT_REQUEST_TIMEOUT_MS = 5_000;
    private static final long FAULT_WINDOW_MS = 12_000;

    private static EmbeddedKafkaCluster kafka;
    private static FaultProxy proxy;

    /** What the proxy does during the fault window. */
    enum Fault {
        /** Every connection cut every 3 seconds. */
        CONNECTIONS_CUT_EVERY_THREE_SECONDS,
        /** Nothing gets through either way for clientRequestTimeoutMs + 2 s; connections stay open. */
        BLACK_HOLE_LONGER_THAN_THE_CLIENT_REQUEST_TIMEOUT,
        /** Each response held 150 ms, each request 50 ms. */
        SLOW_BROKER,
        /**
         * One response damaged every 2 seconds, in turn: a random frame (any API), a flipped byte in a Fetch
         * response's last record batch, random bytes in place of a frame (any API), a frame cut in half.
         */
        CORRUPTED_RESPONSES
    }

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaCluster.builder().faultProxies().build().start();
        proxy = kafka.faultProxy(kafka.brokerIds().get(0));
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
    @EnumSource(Fault.class)
    void nothingAcknowledgedIsLostAndTheGroupDeliversEveryRecordOnceWhileTheNetworkMisbehaves(Fault fault)
            throws Exception {
        String name = fault.name().toLowerCase().replace('_', '-');
        String topic = "faults-" + name;
        String group = "faults-" + name;
        kafka.createTopic(topic, PARTITIONS, 1);
        GroupLedger ledger = new GroupLedger();
        List<ClusterClient> members = new ArrayList<>();
        SteadyProducer producer;
        KafkaOracle.CommittedOffsetsWatcher watcher;
        try (ClusterClient producerClient = new ClusterClient(config("faults-producer-" + name)
                .errorStrategy(ErrorStrategy.RETRY).requiredAcks(RequiredAcks.ALL_IN_SYNC_REPLICAS).build())) {
            for (int i = 0; i < 2; i++) {
                ClusterClient member = new ClusterClient(config("faults-m" + i).build());
                ledger.attach(member, "m" + i);
                member.subscribe(group, List.of(topic), groupConfig());
                members.add(member);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> ledger.ownership().equals(Map.of("m0", 2, "m1", 2)));
            watcher = new KafkaOracle.CommittedOffsetsWatcher(kafka.bootstrapServers(), group);
            producer = new SteadyProducer(producerClient, topic, 20, 20);
            Thread.sleep(2_000);
            long corruptedBefore = proxy.toClient().corruptedFrames();
            long swallowedBefore = proxy.toClient().swallowedFrames() + proxy.toBroker().swallowedFrames();
            inject(fault, () -> {
                ClusterClient member = new ClusterClient(config("faults-m2").build());
                ledger.attach(member, "m2");
                member.subscribe(group, List.of(topic), groupConfig());
                members.add(member);
            });
            if (fault == Fault.CORRUPTED_RESPONSES) {
                // Those armed last wait for their API's next response (no heartbeat nor commit during a rebalance).
                await().atMost(20, TimeUnit.SECONDS).until(() -> proxy.toClient().pendingCorruptions() == 0);
            }
            long corrupted = proxy.toClient().corruptedFrames() - corruptedBefore;
            long swallowed = proxy.toClient().swallowedFrames() + proxy.toBroker().swallowedFrames() - swallowedBefore;
            int unapplied = proxy.toClient().pendingCorruptions();
            proxy.heal();
            await().atMost(30, TimeUnit.SECONDS).until(() -> ledger.ownership().values().stream()
                    .mapToInt(Integer::intValue).sum() == PARTITIONS && ledger.ownership().size() == 3);
            Thread.sleep(3_000);
            producer.stop();
            producer.awaitSettled(Duration.ofSeconds(90));
            Map<TopicPartition, Long> ends = KafkaOracle.endOffsets(kafka.bootstrapServers(), topic, PARTITIONS);
            await().atMost(90, TimeUnit.SECONDS).until(() -> ledger.deliveredUpTo(ends));
            for (ClusterClient member : members) {
                member.commit();
            }
            watcher.close();

            producer.assertAccounted();
            List<Integer> inTopic = KafkaOracle.ids(kafka.bootstrapServers(), topic, PARTITIONS);
            assertThat(IdSet.of(inTopic).missingOf(producer.acknowledgedIds)).as("acknowledged records missing from "
                    + "the topic").isEmpty();
            ledger.assertDeliveredEveryOffset(ends);
            assertThat(ledger.ids().missingOf(producer.acknowledgedIds)).as("acknowledged records the group did not "
                    + "deliver").isEmpty();
            assertThat(ledger.commits()).isPositive();
            assertThat(watcher.reads.get()).as("committed offsets read by Admin").isPositive();
            assertThat(watcher.decreases).as("committed offsets seen by Admin going back").isEmpty();
            Set<Integer> distinct = new HashSet<>(inTopic);
            switch (fault) {
                case CORRUPTED_RESPONSES -> {
                    assertThat(unapplied).as("damages armed but never applied").isZero();
                    assertThat(corrupted).as("responses damaged").isEqualTo(DAMAGES.length);
                }
                case BLACK_HOLE_LONGER_THAN_THE_CLIENT_REQUEST_TIMEOUT -> assertThat(swallowed).isPositive();
                default -> { }
            }
            System.out.printf("FAULT-FIGURES %s: %s; %d responses damaged (%d armed, never applied), %d frames "
                            + "swallowed; topic %d records (%d written twice by a retry); group of 2 then 3: %d "
                            + "assignments, %d deliveries, %d redeliveries, %d commit events; Admin: %d reads "
                            + "(%d failed)%n",
                    fault, producer, corrupted, unapplied, swallowed, inTopic.size(), inTopic.size() - distinct.size(),
                    ledger.assignments(), ledger.deliveries(), ledger.redeliveries(), ledger.commits(),
                    watcher.reads.get(), watcher.failedReads.get());
        } finally {
            proxy.heal();
            members.forEach(ClusterClient::close);
        }
    }

    /**
     * Runs the fault for {@link #FAULT_WINDOW_MS}; {@code midWindow} runs once, 6.5 s in (a member joins, so a
     * rebalance happens under the fault).
     */
    private static void inject(Fault fault, Runnable midWindow) throws InterruptedException {
        long start = System.nanoTime();
        boolean joined = false;
        int tick = 0;
        while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < FAULT_WINDOW_MS) {
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            switch (fault) {
                case CONNECTIONS_CUT_EVERY_THREE_SECONDS -> {
                    if (tick % 6 == 0) {
                        proxy.cutConnections();
                    }
                }
                case BLACK_HOLE_LONGER_THAN_THE_CLIENT_REQUEST_TIMEOUT -> {
                    boolean on = elapsed < CLIENT_REQUEST_TIMEOUT_MS + 2_000;
                    proxy.toBroker().blackHole(on);
                    proxy.toClient().blackHole(on);
                }
                case SLOW_BROKER -> {
                    proxy.toClient().delay(Duration.ofMillis(150));
                    proxy.toBroker().delay(Duration.ofMillis(50));
                }
                case CORRUPTED_RESPONSES -> {
                    if (tick % 4 == 0 && tick / 4 < DAMAGES.length) {
                        Damage d = DAMAGES[tick / 4];
                        proxy.toClient().corrupt(d.fault(), 1, d.apiKey());
                    }
                }
            }
            if (!joined && elapsed >= 6_500) {
                midWindow.run();
                joined = true;
            }
            tick++;
            Thread.sleep(500);
        }
    }

    /** A response to damage: which API's and how. */
    private record Damage(FrameFault fault, int apiKey) {
    }

    /**
     * Damages of CORRUPTED_RESPONSES, one every 2 s. A flipped byte is only caught where a CRC covers it, the record
     * batches of Fetch (API 1); elsewhere the damage is one the client must see: a frame whose correlation id does
     * not match, random bytes for a size, a frame cut short. The JoinGroup (11) and SyncGroup (14) ones, armed first,
     * wait for the rebalance the joining member starts; then any API, Fetch, OffsetCommit (8), Heartbeat (12).
     */
    private static final Damage[] DAMAGES = {
            new Damage(FrameFault.TRUNCATE_AND_CUT, 11),
            new Damage(FrameFault.RANDOM_FRAME, 14),
            new Damage(FrameFault.RANDOM_FRAME, Direction.ANY_API),
            new Damage(FrameFault.CORRUPT_TAIL, 1),
            new Damage(FrameFault.RANDOM_FRAME, 8),
            new Damage(FrameFault.RANDOM_BYTES, 12),
    };

    private static Configuration.Builder config(String clientId) {
        return Configuration.builder().seeds(proxy.address()).clientId(clientId)
                .produceBatchSize(100).produceBufferingTime(Duration.ofMillis(5))
                .consumeBufferingTime(Duration.ofMillis(5)).fetchMaxWaitTimeMs(100)
                .requestTimeoutMs(REQUEST_TIMEOUT_MS).clientRequestTimeoutMs(CLIENT_REQUEST_TIMEOUT_MS)
                .messageTtl(Duration.ofSeconds(60));
    }

    private static ConsumerGroupConfiguration groupConfig() {
        return ConsumerGroupConfiguration.builder().sessionTimeout(Duration.ofSeconds(10))
                .rebalanceTimeout(Duration.ofSeconds(10)).heartbeatInterval(Duration.ofMillis(500))
                .autoCommitEveryMs(500).defaultOffset(DefaultOffset.EARLIEST)
                .coordinatorDiscoveryRetryTime(Duration.ofMillis(200)).build();
    }
}
