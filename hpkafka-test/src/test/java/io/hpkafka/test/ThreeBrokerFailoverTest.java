package io.hpkafka.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

@HpKafkaCluster(brokers = 3, shared = false)
class ThreeBrokerFailoverTest {

    private static final String TOPIC = TestClients.unique("failover");

    @Test
    void leaderMovesWhenItsBrokerStopsAndTheBrokerRejoinsTheIsrAfterRestart(KafkaTestCluster cluster)
            throws Exception {
        HpKafkaClusterExtension.assumeBrokerControl(cluster);
        assertThat(cluster.brokerIds()).containsExactly(0, 1, 2);
        String bootstrapServers = cluster.bootstrapServers();
        // min.insync.replicas=2: acks=all must still succeed with one of three replicas down.
        cluster.createTopic(TOPIC, 1, 3, Map.of("min.insync.replicas", "2"));

        try (Admin admin = TestClients.admin(cluster);
             KafkaProducer<String, String> producer = TestClients.producer(cluster)) {
            TopicPartitionInfo before = TestClients.describe(admin, TOPIC).partitions().get(0);
            assertThat(TestClients.ids(before.isr())).containsExactlyInAnyOrder(0, 1, 2);
            int oldLeader = before.leader().id();
            send(producer, "before-", 10);

            cluster.stopBroker(oldLeader);

            TopicDescription during = TestClients.awaitDescription(admin, TOPIC, "a new leader without broker "
                    + oldLeader + " in the ISR", description -> {
                        TopicPartitionInfo partition = description.partitions().get(0);
                        return partition.leader() != null && partition.leader().id() != oldLeader
                                && !TestClients.ids(partition.isr()).contains(oldLeader);
                    });
            assertThat(during.partitions().get(0).leader().id()).isNotEqualTo(oldLeader);
            assertThat(TestClients.ids(during.partitions().get(0).isr())).hasSize(2);
            RecordMetadata acknowledged = send(producer, "during-", 10);
            assertThat(acknowledged.offset()).isEqualTo(19);

            cluster.startBroker(oldLeader);

            TestClients.awaitDescription(admin, TOPIC, "broker " + oldLeader + " back in the ISR",
                    description -> TestClients.ids(description.partitions().get(0).isr()).contains(oldLeader));
            assertThat(cluster.bootstrapServers()).isEqualTo(bootstrapServers);
            send(producer, "after-", 10);
        }

        // All 30 records survived the failover.
        try (KafkaConsumer<String, String> consumer = TestClients.consumer(cluster, null)) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> records = TestClients.poll(consumer, 30, Duration.ofSeconds(30));
            assertThat(records).extracting(ConsumerRecord::value)
                    .hasSize(30).startsWith("before-0").contains("during-9").endsWith("after-9");
        }
    }

    /** Sends {@code count} records one at a time (acks=all) and returns the last acknowledgement. */
    private static RecordMetadata send(KafkaProducer<String, String> producer, String prefix, int count)
            throws Exception {
        RecordMetadata last = null;
        for (int i = 0; i < count; i++) {
            last = producer.send(new ProducerRecord<>(TOPIC, prefix + i)).get(30, TimeUnit.SECONDS);
        }
        return last;
    }
}
