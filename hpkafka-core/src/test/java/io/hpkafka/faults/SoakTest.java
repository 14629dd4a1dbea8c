package io.hpkafka.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.config.RequiredAcks;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.test.KafkaBrokerProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ten minutes of steady produce (about 1,000 records/s, acks=all, RETRY) and a committing two-member group against a
 * broker in its own process, restarted every two minutes (SIGKILL and SIGTERM in turn). Afterwards: accounting exact,
 * nothing acknowledged missing, the group's delivery rules ({@link GroupLedger}) kept, committed offsets never
 * decreasing, and the client's threads and heap no larger than after the warm-up.
 *
 * <p>Outside the default run (tag {@code soak}); run it with
 * {@code mvn -B -pl hpkafka-core -am test -Dgroups=soak}. System properties: {@code hpkafka.soak.duration} (ISO-8601,
 * default {@code PT10M}) and {@code hpkafka.soak.restart-every} (default {@code PT2M}), e.g.
 * {@code -Dhpkafka.soak.duration=PT2M30S -Dhpkafka.soak.restart-every=PT1M} for a short proof.
 */
@Tag("soak")
class SoakTest {

    private static final int PARTITIONS = 4;

    @Test
    void steadyProduceAndConsumeThroughBrokerRestartsLosesNothingAndDoesNotGrow() throws Exception {
        Duration duration = Duration.parse(System.getProperty("hpkafka.soak.duration", "PT10M"));
        Duration restartEvery = Duration.parse(System.getProperty("hpkafka.soak.restart-every", "PT2M"));
        String topic = "soak";
        String group = "soak";
        GroupLedger ledger = new GroupLedger();
        List<ClusterClient> members = new ArrayList<>();
        List<String> restarts = new ArrayList<>();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.builder().start();
                AutoCloseable closeMembersFirst = () -> members.forEach(ClusterClient::close)) {
            try (Admin admin = KafkaOracle.admin(broker.bootstrapServers())) {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            SteadyProducer producer;
            KafkaOracle.CommittedOffsetsWatcher watcher;
            try (ClusterClient producerClient = new ClusterClient(config(broker, "soak-producer")
                    .errorStrategy(ErrorStrategy.RETRY).requiredAcks(RequiredAcks.ALL_IN_SYNC_REPLICAS).build())) {
                for (int i = 0; i < 2; i++) {
                    ClusterClient member = new ClusterClient(config(broker, "soak-m" + i).build());
                    ledger.attach(member, "m" + i);
                    member.subscribe(group, List.of(topic), groupConfig());
                    members.add(member);
                }
                await().atMost(60, TimeUnit.SECONDS).until(() -> ledger.ownership().equals(Map.of("m0", 2,
                        "m1", 2)));
                watcher = new KafkaOracle.CommittedOffsetsWatcher(broker.bootstrapServers(), group);
                producer = new SteadyProducer(producerClient, topic, 10, 10);
                long start = System.nanoTime();
                Thread.sleep(20_000);
                JvmFootprint before = JvmFootprint.measure();
                List<String> threadsBefore = JvmFootprint.clientThreads();

                long nextRestart = restartEvery.toNanos();
                while (System.nanoTime() - start < duration.toNanos()) {
                    if (System.nanoTime() - start >= nextRestart) {
                        boolean kill = restarts.size() % 2 == 0;
                        long down = System.nanoTime();
                        if (kill) {
                            broker.kill();
                        } else {
                            broker.stop();
                        }
                        broker.start();
                        restarts.add((kill ? "SIGKILL" : "SIGTERM") + " at " + TimeUnit.NANOSECONDS.toSeconds(
                                down - start) + " s, down " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down)
                                + " ms");
                        nextRestart += restartEvery.toNanos();
                    }
                    Thread.sleep(200);
                }
                producer.stop();
                producer.awaitSettled(Duration.ofMinutes(3));
                Map<TopicPartition, Long> ends = KafkaOracle.endOffsets(broker.bootstrapServers(), topic,
                        PARTITIONS);
                // On a stall, say where: which partitions, owned by whom, delivered and committed up to where.
                await().atMost(3, TimeUnit.MINUTES).untilAsserted(() -> assertThat(ledger.deliveredUpTo(ends))
                        .as(() -> "group behind the end offsets: " + ledger.behind(ends) + " ownership "
                                + ledger.ownership())
                        .isTrue());
                JvmFootprint after = JvmFootprint.measure();
                List<String> threadsAfter = JvmFootprint.clientThreads();
                for (ClusterClient member : members) {
                    member.commit();
                }
                watcher.close();

                IdSet inTopic = IdSet.of(KafkaOracle.ids(broker.bootstrapServers(), topic, PARTITIONS));
                System.out.printf("SOAK-FIGURES %s over %s, restarts %s; %s; topic %d distinct records; group: %d "
                                + "deliveries, %d redeliveries, %d assignments, %d commit events; Admin: %d reads "
                                + "(%d failed); before %s, client threads %s; after %s, client threads %s%n",
                        duration, restartEvery, restarts, producer, inTopic.size(), ledger.deliveries(),
                        ledger.redeliveries(), ledger.assignments(), ledger.commits(), watcher.reads.get(),
                        watcher.failedReads.get(), before, threadsBefore, after, threadsAfter);

                producer.assertAccounted();
                assertThat(inTopic.missingOf(producer.acknowledgedIds)).as("acknowledged, missing from the topic")
                        .isEmpty();
                ledger.assertDeliveredEveryOffset(ends);
                assertThat(ledger.ids().missingOf(producer.acknowledgedIds)).as("acknowledged, never delivered")
                        .isEmpty();
                assertThat(watcher.decreases).as("committed offsets seen by Admin going back").isEmpty();
                assertThat(restarts).isNotEmpty();
                JvmFootprint.assertStable(before, threadsBefore, after, threadsAfter);
            }
        }
    }

    private static Configuration.Builder config(KafkaBrokerProcess broker, String clientId) {
        return Configuration.builder().seeds(broker.bootstrapServers()).clientId(clientId)
                .produceBatchSize(200).produceBufferingTime(Duration.ofMillis(5))
                .consumeBufferingTime(Duration.ofMillis(5)).fetchMaxWaitTimeMs(100)
                .requestTimeoutMs(3_000).clientRequestTimeoutMs(5_000).messageTtl(Duration.ofMinutes(2));
    }

    private static ConsumerGroupConfiguration groupConfig() {
        return ConsumerGroupConfiguration.builder().sessionTimeout(Duration.ofSeconds(10))
                .rebalanceTimeout(Duration.ofSeconds(10)).heartbeatInterval(Duration.ofMillis(500))
                .autoCommitEveryMs(1_000).defaultOffset(DefaultOffset.EARLIEST)
                .coordinatorDiscoveryRetryTime(Duration.ofMillis(200)).build();
    }
}
