package io.hpkafka.faults;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.config.OffsetOutOfRangeStrategy;
import io.hpkafka.config.RequiredAcks;
import io.hpkafka.consumer.OffsetReset;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A topic deleted and created again under the same name while a producer and a consumer use it (on a broker that
 * does not create topics by itself, so the new topic is the test's): producing resumes into the new topic, every
 * record is accounted for, and the consumer applies its offset-out-of-range strategy once and delivers the new topic
 * from its first offset, each record once, whether its position is beyond the new topic's end (OFFSET_OUT_OF_RANGE)
 * or within it (only the new topic id in the metadata tells). A group
 * member's commits then follow its new position, below the offsets it committed in the old topic.
 */
class TopicRecreatedTest {

    @Test
    void producingResumesAndTheConsumerResetsOnceWhenTheTopicIsDeletedAndCreatedAgain() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder()
                .brokerProperty("auto.create.topics.enable", "false").build().start();
                Admin admin = KafkaOracle.admin(kafka.bootstrapServers())) {
            String topic = "recreated";
            kafka.createTopic(topic, 1, 1);
            List<KafkaRecord> received = new CopyOnWriteArrayList<>();
            List<OffsetReset> resets = new CopyOnWriteArrayList<>();
            try (ClusterClient producerClient = new ClusterClient(config(kafka, "recreate-producer").build());
                    ClusterClient consumer = new ClusterClient(config(kafka, "recreate-consumer").build())) {
                consumer.onMessageReceived(received::add);
                consumer.onOffsetReset(resets::add);
                consumer.consumeFromEarliest(topic, 0);
                SteadyProducer producer = new SteadyProducer(producerClient, topic, 10, 20);
                await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 1_000);

                // Paused until the new topic has grown past the consumer's position: fetched by name from there,
                // the new log would answer, and only the topic id tells it is another topic.
                consumer.pause(topic);
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                await().atMost(30, TimeUnit.SECONDS).until(() -> !admin.listTopics().names().get().contains(topic));
                await().atMost(30, TimeUnit.SECONDS).until(() -> created(admin, topic));
                long acknowledgedAtCreation = producer.acknowledged.get();
                await().atMost(60, TimeUnit.SECONDS).until(() -> KafkaOracle.endOffsets(kafka.bootstrapServers(),
                        topic, 1).values().iterator().next() > received.size() + 200);
                Thread.sleep(2_500); // one metadata refresh (refreshMetadataInterval) at least
                consumer.resume(topic);
                await().atMost(60, TimeUnit.SECONDS).until(() -> producer.acknowledged.get()
                        > acknowledgedAtCreation + 500 && !resets.isEmpty());
                Thread.sleep(1_000);
                producer.stop();
                producer.awaitSettled(Duration.ofSeconds(60));
                long end = KafkaOracle.endOffsets(kafka.bootstrapServers(), topic, 1).values().iterator().next();
                await().atMost(60, TimeUnit.SECONDS).until(() -> afterReset(received, resets.get(0)).size() >= end);

                producer.assertAccounted();
                assertThat(resets).as("offset resets").hasSize(1);
                OffsetReset reset = resets.get(0);
                assertThat(reset.strategy()).isEqualTo(OffsetOutOfRangeStrategy.EARLIEST);
                assertThat(reset.newOffset()).isZero();
                List<KafkaRecord> fresh = afterReset(received, reset);
                assertThat(fresh).hasSize((int) end);
                for (int i = 0; i < fresh.size(); i++) {
                    assertThat(fresh.get(i).offset()).as("offset at %d after the reset", i).isEqualTo(i);
                }
                Set<Integer> inNewTopic = Set.copyOf(KafkaOracle.ids(kafka.bootstrapServers(), topic, 1));
                assertThat(fresh.stream().map(r -> SteadyProducer.id(r.value())).toList())
                        .containsExactlyInAnyOrderElementsOf(inNewTopic);
                int lastAcknowledged = producer.acknowledgedIds.max();
                assertThat(inNewTopic).as("the last acknowledged record").contains(lastAcknowledged);
                System.out.printf("RECREATE-FIGURES %s; %d records delivered before the reset at offset %d, %d from "
                        + "the new topic%n", producer, received.size() - fresh.size(), reset.outOfRangeOffset(),
                        fresh.size());
            }
        }
    }

    @Test
    void aGroupMemberResetsOnceAndDeliversTheNewTopicWhenItsTopicIsDeletedAndCreatedAgain() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder()
                .brokerProperty("auto.create.topics.enable", "false").build().start();
                Admin admin = KafkaOracle.admin(kafka.bootstrapServers())) {
            String topic = "recreated-group";
            kafka.createTopic(topic, 1, 1);
            List<KafkaRecord> received = new CopyOnWriteArrayList<>();
            List<OffsetReset> resets = new CopyOnWriteArrayList<>();
            List<io.hpkafka.group.OffsetsCommitted> commits = new CopyOnWriteArrayList<>();
            try (ClusterClient producerClient = new ClusterClient(config(kafka, "recreate-group-producer").build());
                    ClusterClient member = new ClusterClient(config(kafka, "recreate-member").build())) {
                member.onMessageReceived(received::add);
                member.onOffsetReset(resets::add);
                member.onOffsetsCommitted(commits::add);
                member.subscribe("recreated-group", List.of(topic), io.hpkafka.config.ConsumerGroupConfiguration
                        .builder().autoCommitEveryMs(200).heartbeatInterval(Duration.ofMillis(300))
                        .defaultOffset(io.hpkafka.config.DefaultOffset.EARLIEST).build());
                SteadyProducer producer = new SteadyProducer(producerClient, topic, 10, 20);
                await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 1_000 && !commits.isEmpty());

                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                await().atMost(30, TimeUnit.SECONDS).until(() -> !admin.listTopics().names().get().contains(topic));
                await().atMost(30, TimeUnit.SECONDS).until(() -> created(admin, topic));
                long acknowledgedAtCreation = producer.acknowledged.get();
                await().atMost(60, TimeUnit.SECONDS).until(() -> producer.acknowledged.get()
                        > acknowledgedAtCreation + 500);
                Thread.sleep(1_000);
                producer.stop();
                producer.awaitSettled(Duration.ofSeconds(60));
                long end = KafkaOracle.endOffsets(kafka.bootstrapServers(), topic, 1).values().iterator().next();
                await().atMost(60, TimeUnit.SECONDS).until(() -> !resets.isEmpty()
                        && afterReset(received, resets.get(0)).size() >= end);

                producer.assertAccounted();
                assertThat(resets).as("offset resets").hasSize(1);
                List<KafkaRecord> fresh = afterReset(received, resets.get(0));
                assertThat(fresh).hasSize((int) end);
                for (int i = 0; i < fresh.size(); i++) {
                    assertThat(fresh.get(i).offset()).as("offset at %d after the reset", i).isEqualTo(i);
                }
                // Commits follow the new position, below the old topic's: else a member taking over would start at the
                // old offset in the new topic and skip the records below it.
                member.commit();
                assertThat(commits.get(commits.size() - 1).offsets()).as("the last commit, in the new topic")
                        .containsValue(end);
                assertThat(admin.listConsumerGroupOffsets("recreated-group").partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(new org.apache.kafka.common.TopicPartition(topic, 0)).offset())
                        .as("committed offset read by Admin").isEqualTo(end);
                System.out.printf("RECREATE-GROUP-FIGURES %s; %d records delivered before the reset at offset %d, %d "
                        + "from the new topic%n", producer, received.size() - fresh.size(),
                        resets.get(0).outOfRangeOffset(), fresh.size());
            }
        }
    }

    /** The records delivered after the reset: from the first offset-0 record following the old topic's records. */
    private static List<KafkaRecord> afterReset(List<KafkaRecord> received, OffsetReset reset) {
        List<KafkaRecord> all = List.copyOf(received);
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).offset() <= all.get(i - 1).offset()) {
                return all.subList(i, all.size());
            }
        }
        return List.of();
    }

    private static boolean created(Admin admin, String topic) throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false; // the deletion is still going on
            }
            throw new AssertionError(e);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private static Configuration.Builder config(EmbeddedKafkaCluster kafka, String clientId) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId(clientId)
                .errorStrategy(ErrorStrategy.RETRY).requiredAcks(RequiredAcks.ALL_IN_SYNC_REPLICAS)
                .produceBatchSize(100).produceBufferingTime(Duration.ofMillis(5))
                .consumeBufferingTime(Duration.ofMillis(5)).fetchMaxWaitTimeMs(100)
                .refreshMetadataInterval(Duration.ofSeconds(2)).messageTtl(Duration.ofSeconds(30));
    }
}
