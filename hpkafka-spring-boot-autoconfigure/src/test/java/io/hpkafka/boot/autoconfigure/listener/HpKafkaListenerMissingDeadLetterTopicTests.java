package io.hpkafka.boot.autoconfigure.listener;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead-letter topic that does not exist yet (the broker creates no topic by itself): the failed record and the
 * records behind it in its partition wait, the other partition flows, and once the topic exists the record is in it
 * exactly once, however many times its publish timed out meanwhile.
 */
@HpKafkaCluster(shared = false, brokerProperties = "auto.create.topics.enable=false")
class HpKafkaListenerMissingDeadLetterTopicTests {

    static KafkaTestCluster kafka;

    @Test
    void theFailedRecordWaitsHoldingOnlyItsPartitionAndReachesTheTopicOnceItExists() {
        kafka.createTopic("md.orders", 2, 1);
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.producer.buffering-time=5ms",
                    "hpkafka.consumer.buffering-time=5ms", "hpkafka.consumer.default-offset=earliest",
                    "hpkafka.consumer.group-id=md", "hpkafka.listener.retry.max-attempts=1",
                    "hpkafka.listener.retry.initial-interval=200ms", "hpkafka.listener.dead-letter.enabled=true",
                    "hpkafka.listener.dead-letter.send-timeout=500ms", "hpkafka.refresh-metadata-interval=1s")
            .withBean(Listeners.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                ClusterClient client = context.getBean(ClusterClient.class);
                Listeners listeners = context.getBean(Listeners.class);
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> context
                    .getBean(HpKafkaListenerEndpointRegistry.class).getListenerContainer("orders")
                    .getAssignedPartitions().size() == 2);
                ListenerTestSupport.send(client, "md.orders", 0, null, "poison");
                ListenerTestSupport.send(client, "md.orders", 0, null, "behind-1");
                ListenerTestSupport.send(client, "md.orders", 1, null, "other-1");
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> listeners.processed.contains("other-1"));
                Thread.sleep(3_000); // several publishes of the dead letter time out meanwhile
                assertThat(listeners.processed).as("the record behind the failed one waits").doesNotContain("behind-1");
                ListenerTestSupport.send(client, "md.orders", 1, null, "other-2");
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> listeners.processed.contains("other-2"));

                kafka.createTopic("md.orders.DLT", 2, 1);
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> listeners.processed.contains("behind-1")
                        && !listeners.deadLetters.isEmpty());
                Thread.sleep(2_000); // time for any duplicate to arrive
                assertThat(listeners.deadLetters).extracting((r) -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("poison");
                assertThat(listeners.processed).containsOnlyOnce("behind-1", "other-1", "other-2");
            });
    }

    static class Listeners {

        final Queue<String> processed = new ConcurrentLinkedQueue<>();

        final Queue<KafkaRecord> deadLetters = new ConcurrentLinkedQueue<>();

        @HpKafkaListener(id = "orders", topics = "md.orders")
        void onOrder(String order, @Header(HpKafkaHeaders.RECEIVED_PARTITION) int partition) {
            if (order.equals("poison")) {
                throw new IllegalStateException("poison");
            }
            this.processed.add(order);
        }

        @HpKafkaListener(id = "dead-letters", topicPattern = "md\\.orders\\.DLT", groupId = "md-dlt")
        void onDeadLetter(KafkaRecord record) {
            this.deadLetters.add(record);
        }

    }

}
