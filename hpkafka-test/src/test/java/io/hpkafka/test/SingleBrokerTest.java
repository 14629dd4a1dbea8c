package io.hpkafka.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;

@HpKafkaCluster
class SingleBrokerTest {

    @Test
    void producesAndConsumesThroughAConsumerGroup(KafkaTestCluster cluster) throws Exception {
        String topic = TestClients.unique("single-produce-consume");
        cluster.createTopic(topic, 2, 1);

        try (KafkaProducer<String, String> producer = TestClients.producer(cluster)) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
        String group = TestClients.unique("single-group");
        try (KafkaConsumer<String, String> consumer = TestClients.consumer(cluster, group)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = TestClients.poll(consumer, 100, Duration.ofSeconds(30));

            assertThat(records).hasSize(100);
            assertThat(records.stream().map(ConsumerRecord::value).collect(Collectors.toSet()))
                    .hasSize(100).contains("value-0", "value-99");
            assertThat(records).allSatisfy(record ->
                    assertThat(record.value()).isEqualTo(record.key().replace("key-", "value-")));
        }
    }

    @Test
    void appliesTopicConfigs(KafkaTestCluster cluster) throws Exception {
        String topic = TestClients.unique("single-configured");
        cluster.createTopic(topic, 1, 1,
                Map.of("max.message.bytes", "2048", "retention.ms", "3600000"));

        try (Admin admin = TestClients.admin(cluster)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(15, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("max.message.bytes").value()).isEqualTo("2048");
            assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
        }
        // The broker enforces it: a 4 KiB record is over the topic's limit (the producer's own limit is 1 MiB).
        try (KafkaProducer<String, String> producer = TestClients.producer(cluster)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "x".repeat(4096)))
                    .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    @Test
    void rejectsAnExistingTopicAndAnImpossibleReplicationFactor(KafkaTestCluster cluster) {
        String topic = TestClients.unique("single-duplicate");
        cluster.createTopic(topic, 1, 1);

        assertThatThrownBy(() -> cluster.createTopic(topic, 1, 1))
                .isInstanceOf(KafkaTestClusterException.class)
                .hasCauseInstanceOf(TopicExistsException.class);
        int tooMany = cluster.brokerIds().size() + 1;
        assertThatThrownBy(() -> cluster.createTopic(TestClients.unique("single-too-many-replicas"), 1, tooMany))
                .isInstanceOf(KafkaTestClusterException.class)
                .hasMessageContaining("replication factor " + tooMany);
        assertThatThrownBy(() -> cluster.createTopic("never-created", 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
