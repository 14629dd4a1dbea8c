package io.hpkafka.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The cluster used directly, without the extension. */
class EmbeddedKafkaClusterTest {

    @Test
    void restartsTheCombinedNodeOfAOneBrokerClusterWithItsData() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder()
                .brokerProperty("auto.create.topics.enable", "false")
                .build()
                .start()) {
            String bootstrapServers = cluster.bootstrapServers();
            assertThat(bootstrapServers).matches("127\\.0\\.0\\.1:\\d+");
            try (Admin admin = TestClients.admin(cluster)) {
                ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "0");
                assertThat(admin.describeConfigs(List.of(broker)).all().get(15, TimeUnit.SECONDS).get(broker)
                        .get("auto.create.topics.enable").value()).isEqualTo("false");
            }
            cluster.createTopic("restart", 1, 1);
            try (KafkaProducer<String, String> producer = TestClients.producer(cluster)) {
                producer.send(new ProducerRecord<>("restart", "kept")).get(30, TimeUnit.SECONDS);
            }

            cluster.stopBroker(0);
            assertThat(cluster.isBrokerRunning(0)).isFalse();
            assertThat(accepts(bootstrapServers)).isFalse();
            cluster.stopBroker(0); // no-op

            cluster.startBroker(0);
            assertThat(cluster.isBrokerRunning(0)).isTrue();
            assertThat(cluster.bootstrapServers()).isEqualTo(bootstrapServers);

            try (KafkaConsumer<String, String> consumer = TestClients.consumer(cluster, null)) {
                TopicPartition partition = new TopicPartition("restart", 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                assertThat(TestClients.poll(consumer, 1, Duration.ofSeconds(30)))
                        .extracting(ConsumerRecord::value).containsExactly("kept");
            }
        }
    }

    @Test
    void closeIsIdempotentAndEndsTheCluster() {
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(1);
        String bootstrapServers = cluster.bootstrapServers();
        cluster.close();
        cluster.close();

        assertThat(accepts(bootstrapServers)).isFalse();
        assertThatThrownBy(cluster::bootstrapServers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(cluster::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void validatesItsSettings() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().brokers(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().brokerProperty("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("managed");
        EmbeddedKafkaCluster unstarted = EmbeddedKafkaCluster.builder().brokers(2).build();
        assertThatThrownBy(unstarted::bootstrapServers).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        assertThatThrownBy(() -> unstarted.stopBroker(0)).isInstanceOf(IllegalStateException.class);
        assertThat(unstarted.brokerIds()).containsExactly(0, 1);
        unstarted.close();
    }

    private static boolean accepts(String hostAndPort) {
        String[] parts = hostAndPort.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
