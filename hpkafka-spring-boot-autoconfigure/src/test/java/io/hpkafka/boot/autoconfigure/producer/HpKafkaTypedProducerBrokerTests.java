package io.hpkafka.boot.autoconfigure.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A typed producer bean against the embedded broker: what it sends is read back with the official client (the
 * oracle) as the JSON of the object.
 */
@HpKafkaCluster
class HpKafkaTypedProducerBrokerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class));

    @Test
    void anInjectedOrderProducerSendsOrdersThatReadBackAsJson(KafkaTestCluster kafka) throws Exception {
        kafka.createTopic("typed.orders", 1, 1);
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.producer.buffering-time=5ms")
            .withBean(OrderService.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                Order sent = new Order("o-42", 3, List.of("apple", "pear"));
                RecordMetadata metadata = context.getBean(OrderService.class).producer
                    .send("typed.orders", sent.id(), sent)
                    .get(30, TimeUnit.SECONDS);
                ConsumerRecord<byte[], byte[]> received = read(kafka.bootstrapServers(), "typed.orders",
                        metadata.partition(), metadata.offset());
                assertThat(new String(received.key(), StandardCharsets.UTF_8)).isEqualTo("o-42");
                assertThat(new String(received.value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":\"o-42\",\"quantity\":3,\"items\":[\"apple\",\"pear\"]}");
                assertThat(JsonMapper.builder().build().readValue(received.value(), Order.class)).isEqualTo(sent);
            });
    }

    private static ConsumerRecord<byte[], byte[]> read(String bootstrapServers, String topic, int partition,
            long offset) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition topicPartition = new TopicPartition(topic, partition);
            consumer.assign(List.of(topicPartition));
            consumer.seek(topicPartition, offset);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(records).as("records at %s-%d@%d", topic, partition, offset).isNotEmpty();
            return records.get(0);
        }
    }

    record Order(String id, int quantity, List<String> items) {
    }

    static class OrderService {

        final KafkaProducer<String, Order> producer;

        OrderService(KafkaProducer<String, Order> producer) {
            this.producer = producer;
        }

    }

}
