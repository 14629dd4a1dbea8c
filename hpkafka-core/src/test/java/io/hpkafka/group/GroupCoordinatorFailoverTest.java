package io.hpkafka.group;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.HpKafkaClusterExtension;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.hpkafka.group.ConsumerGroupTest.groupConfig;
import static io.hpkafka.group.ConsumerGroupTest.javaProducer;
import static io.hpkafka.group.ConsumerGroupTest.member;
import static io.hpkafka.group.ConsumerGroupTest.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The group coordinator's broker stops in a three-broker cluster: members get NOT_COORDINATOR or lose the connection,
 * find the new coordinator, keep consuming, and their next commits are stored there.
 */
@HpKafkaCluster(brokers = 3)
class GroupCoordinatorFailoverTest {

    @Test
    void membersFindTheNewCoordinatorWhenItsBrokerStops(KafkaTestCluster kafka) throws Exception {
        HpKafkaClusterExtension.assumeBrokerControl(kafka);
        String run = Long.toString(System.currentTimeMillis(), 36);
        String topic = "group-failover-" + run;
        String group = "failover-" + run;
        kafka.createTopic(topic, 4, 3);
        ConsumerGroupTest.Ledger ledger = new ConsumerGroupTest.Ledger();
        ConsumerGroupConfiguration manual = groupConfig().autoCommitEveryMs(0).build();
        int stopped = -1;
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             ClusterClient a = member(kafka, "fa", group, topic, manual, ledger);
             ClusterClient b = member(kafka, "fb", group, topic, manual, ledger)) {
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.ownership().equals(Map.of("fa", 2, "fb", 2)));
            produce(producer, topic, 4, 0, 50);
            await().atMost(20, TimeUnit.SECONDS).until(() -> ledger.distinct() == 200);
            a.commit();
            b.commit();

            stopped = admin.describeConsumerGroups(List.of(group)).all().get().get(group).coordinator().id();
            kafka.stopBroker(stopped);
            produce(producer, topic, 4, 50, 50);
            await().atMost(30, TimeUnit.SECONDS).until(() -> ledger.distinct() == 400);
            a.commit();
            b.commit();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            for (int p = 0; p < 4; p++) {
                assertThat(committed.get(new TopicPartition(topic, p)).offset()).as("partition %d", p)
                        .isEqualTo(100L);
            }
        } finally {
            if (stopped >= 0) {
                kafka.startBroker(stopped);
            }
        }
        assertThat(ledger.violations).isEmpty();
    }
}
