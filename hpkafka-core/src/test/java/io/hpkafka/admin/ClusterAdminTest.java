package io.hpkafka.admin;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link ClusterAdmin} against a real broker: topics created with their partitions and configs, per-topic errors
 * named by their Kafka code, validate-only creating nothing, deletion, and a live hpkafka group member listed,
 * described with its assignment, and its lag equal to produced minus committed.
 */
@HpKafkaCluster
class ClusterAdminTest {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final long WAIT_S = 30;

    private ClusterClient client;
    private ClusterAdmin admin;

    @BeforeEach
    void open(KafkaTestCluster kafka) {
        client = new ClusterClient(Configuration.builder().seeds(kafka.bootstrapServers()).clientId("admin-test")
                .produceBufferingTime(Duration.ofMillis(5)).build());
        admin = client.admin();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aCreatedTopicIsDescribedWithItsPartitionsReplicasAndConfigs() throws Exception {
        String topic = "admin-created-" + RUN;
        admin.createTopics(List.of(NewTopic.builder(topic).partitions(3).replicas(1)
                .config("retention.ms", "3600000").compact().build())).topic(topic).get(WAIT_S, TimeUnit.SECONDS);

        TopicDescription d = admin.describeTopics(List.of(topic)).topic(topic).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(d.name()).isEqualTo(topic);
        assertThat(d.internal()).isFalse();
        assertThat(d.partitionCount()).isEqualTo(3);
        assertThat(d.partitions()).extracting(TopicDescription.PartitionInfo::partition).containsExactly(0, 1, 2);
        assertThat(d.partitions()).allSatisfy(p -> {
            assertThat(p.replicas()).hasSize(1);
            assertThat(p.inSyncReplicas()).containsExactlyElementsOf(p.replicas());
            assertThat(p.leader()).isEqualTo(p.replicas().get(0));
        });
        assertThat(client.partitionsFor(topic).get(WAIT_S, TimeUnit.SECONDS)).containsExactly(0, 1, 2);

        Map<String, TopicConfig> configs = admin.describeTopicConfigs(List.of(topic)).topic(topic)
                .get(WAIT_S, TimeUnit.SECONDS);
        assertThat(configs.get("retention.ms")).isEqualTo(new TopicConfig("retention.ms", "3600000",
                TopicConfig.Source.TOPIC, false, false));
        assertThat(configs.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(configs.get("max.compaction.lag.ms").isDefault()).isTrue();
    }

    @Test
    void creatingATopicThatExistsFailsThatTopicAloneWithTopicAlreadyExists(KafkaTestCluster kafka) throws Exception {
        String existing = "admin-existing-" + RUN;
        String fresh = "admin-fresh-" + RUN;
        kafka.createTopic(existing, 1, 1);

        TopicResults<Void> results = admin.createTopics(List.of(NewTopic.builder(existing).partitions(1).build(),
                NewTopic.builder(fresh).partitions(2).build()));

        assertThat(results.topic(fresh).get(WAIT_S, TimeUnit.SECONDS)).isNull();
        assertThat(failure(results.topic(existing))).isInstanceOfSatisfying(AdminException.class, e -> {
            assertThat(e.resource()).isEqualTo(existing);
            assertThat(e.errorName()).isEqualTo("TOPIC_ALREADY_EXISTS");
            assertThat(e.errorCode()).isEqualTo((short) 36);
            assertThat(e.getMessage()).contains(existing, "TOPIC_ALREADY_EXISTS");
        });
        assertThat(failure(results.all())).isInstanceOf(AdminException.class);
        assertThat(admin.describeTopics(List.of(fresh)).topic(fresh).get(WAIT_S, TimeUnit.SECONDS).partitionCount())
                .isEqualTo(2);
    }

    @Test
    void moreReplicasThanBrokersFailWithInvalidReplicationFactor(KafkaTestCluster kafka) {
        String topic = "admin-too-many-replicas-" + RUN;
        int replicas = kafka.brokerIds().size() + 1;
        assertThat(failure(admin.createTopics(List.of(NewTopic.builder(topic).partitions(1).replicas(replicas)
                .build())).topic(topic)))
                .isInstanceOfSatisfying(AdminException.class,
                        e -> assertThat(e.errorName()).isEqualTo("INVALID_REPLICATION_FACTOR"));
    }

    @Test
    void validateOnlyChecksTheTopicAndCreatesNothing() throws Exception {
        String topic = "admin-validate-" + RUN;
        admin.createTopics(List.of(NewTopic.builder(topic).partitions(2).build()), true).all()
                .get(WAIT_S, TimeUnit.SECONDS);
        assertThat(failure(admin.describeTopics(List.of(topic)).topic(topic)))
                .isInstanceOfSatisfying(AdminException.class,
                        e -> assertThat(e.errorName()).isEqualTo("UNKNOWN_TOPIC_OR_PARTITION"));
        assertThat(failure(admin.createTopics(List.of(NewTopic.builder(topic).config("cleanup.policy", "sometimes")
                .build()), true).topic(topic))).isInstanceOfSatisfying(AdminException.class,
                        e -> assertThat(e.errorName()).isEqualTo("INVALID_CONFIG"));
    }

    @Test
    void aDeletedTopicIsGoneAndDeletingItAgainFailsWithUnknownTopic(KafkaTestCluster kafka) throws Exception {
        String topic = "admin-deleted-" + RUN;
        kafka.createTopic(topic, 1, 1);
        admin.deleteTopics(List.of(topic)).all().get(WAIT_S, TimeUnit.SECONDS);

        await().atMost(WAIT_S, TimeUnit.SECONDS).until(() -> !client.topics().get().contains(topic));
        assertThat(failure(admin.deleteTopics(List.of(topic)).topic(topic)))
                .isInstanceOfSatisfying(AdminException.class,
                        e -> assertThat(e.errorName()).isEqualTo("UNKNOWN_TOPIC_OR_PARTITION"));
    }

    @Test
    void aLiveGroupMemberIsListedAndDescribedWithItsAssignmentAndItsLagIsProducedMinusCommitted(
            KafkaTestCluster kafka) throws Exception {
        String topic = "admin-lag-" + RUN;
        String group = "admin-lag-group-" + RUN;
        kafka.createTopic(topic, 2, 1);
        produce(topic, 0, 10);
        produce(topic, 1, 6);

        ClusterClient member = new ClusterClient(Configuration.builder().seeds(kafka.bootstrapServers())
                .clientId("admin-member").fetchMaxWaitTimeMs(50).build());
        try {
            AtomicInteger received = new AtomicInteger();
            member.onMessageReceived(r -> received.incrementAndGet());
            member.subscribe(group, List.of(topic), ConsumerGroupConfiguration.builder()
                    .defaultOffset(DefaultOffset.EARLIEST).autoCommitEveryMs(0)
                    .sessionTimeout(Duration.ofSeconds(6)).rebalanceTimeout(Duration.ofSeconds(6))
                    .heartbeatInterval(Duration.ofMillis(300)).build());
            await().atMost(WAIT_S, TimeUnit.SECONDS).until(() -> received.get() == 16);
            member.commit();

            assertThat(admin.listGroups().get(WAIT_S, TimeUnit.SECONDS)).filteredOn(g -> g.groupId().equals(group))
                    .singleElement().satisfies(g -> assertThat(g.protocolType()).isEqualTo("consumer"));
            GroupDescription d = admin.describeGroup(group).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(d.groupId()).isEqualTo(group);
            assertThat(d.state()).isEqualTo("Stable");
            assertThat(d.protocolType()).isEqualTo("consumer");
            assertThat(d.protocol()).isNotEmpty();
            assertThat(kafka.brokerIds()).contains(d.coordinatorId());
            assertThat(d.members()).singleElement().satisfies(m -> {
                assertThat(m.clientId()).isEqualTo("admin-member");
                assertThat(m.assignment()).containsExactlyInAnyOrder(new TopicPartition(topic, 0),
                        new TopicPartition(topic, 1));
            });
        } finally {
            member.close();
        }

        produce(topic, 0, 5);
        produce(topic, 1, 2);
        Map<TopicPartition, PartitionLag> lag = admin.groupLag(group).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(lag).containsOnlyKeys(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        PartitionLag p0 = lag.get(new TopicPartition(topic, 0));
        PartitionLag p1 = lag.get(new TopicPartition(topic, 1));
        assertThat(List.of(p0.committedOffset(), p0.endOffset(), p0.lag())).containsExactly(10L, 15L, 5L);
        assertThat(List.of(p1.committedOffset(), p1.endOffset(), p1.lag())).containsExactly(6L, 8L, 2L);
    }

    @Test
    void describingAGroupThatDoesNotExistFailsWithGroupIdNotFound() {
        assertThat(failure(admin.describeGroup("admin-no-such-group-" + RUN)))
                .isInstanceOfSatisfying(AdminException.class,
                        e -> assertThat(e.errorName()).isEqualTo("GROUP_ID_NOT_FOUND"));
    }

    /** Produces {@code count} records to one partition and waits until the last is acknowledged. */
    private void produce(String topic, int partition, int count) throws Exception {
        CompletableFuture<?> last = null;
        for (int i = 0; i < count; i++) {
            last = client.send(new io.hpkafka.producer.ProducerRecord(topic, partition, null, ("v" + i).getBytes(),
                    List.of(), io.hpkafka.producer.ProducerRecord.NO_TIMESTAMP));
        }
        last.get(WAIT_S, TimeUnit.SECONDS);
    }

    /** @return what {@code future} failed with, unwrapped; fails the test if it succeeds */
    private static Throwable failure(CompletableFuture<?> future) {
        assertThatThrownBy(() -> future.get(WAIT_S, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);
        Throwable t = future.handle((v, e) -> e).join();
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
