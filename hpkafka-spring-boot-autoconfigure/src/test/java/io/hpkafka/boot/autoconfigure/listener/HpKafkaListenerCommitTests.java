package io.hpkafka.boot.autoconfigure.listener;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each {@link AckMode} commits what it should while the listener runs, and a graceful stop commits the rest, read
 * with the official Admin client from a real broker.
 */
@HpKafkaCluster
class HpKafkaListenerCommitTests {

    static KafkaTestCluster kafka;

    @ParameterizedTest
    @EnumSource(AckMode.class)
    void processedRecordsAreCommittedAsTheAckModeSays(AckMode mode) throws Exception {
        String name = "commit." + mode.name().toLowerCase(Locale.ROOT);
        kafka.createTopic(name, 2, 1);
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.producer.buffering-time=5ms",
                    "hpkafka.consumer.buffering-time=5ms", "hpkafka.consumer.default-offset=earliest",
                    "test.topic=" + name, "test.ack-mode=" + mode, "hpkafka.listener.ack-count=7",
                    "hpkafka.listener.ack-time=300ms")
            .withBean(CommitListener.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                ClusterClient client = context.getBean(ClusterClient.class);
                CommitListener listener = context.getBean(CommitListener.class);
                HpKafkaListenerContainer container = context.getBean(HpKafkaListenerEndpointRegistry.class)
                    .getListenerContainer("commits");
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> container.getAssignedPartitions().size() == 2);
                for (int i = 0; i < 20; i++) {
                    ListenerTestSupport.send(client, name, i % 2, null, "r" + i);
                }
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> listener.seen.size() == 20);
                // While running: everything, but in mode COUNT, whose last commit came at the 14th record.
                long expected = (mode == AckMode.COUNT) ? 14 : 20;
                await().atMost(ListenerTestSupport.TIMEOUT)
                    .until(() -> sum(ListenerTestSupport.committed(kafka.bootstrapServers(), name, name)) == expected);
                container.stop();
                assertThat(ListenerTestSupport.committed(kafka.bootstrapServers(), name, name))
                    .containsEntry(0, 10L).containsEntry(1, 10L);
            });
    }

    private static long sum(Map<Integer, Long> committed) {
        return committed.values().stream().mapToLong(Long::longValue).sum();
    }

    static class CommitListener {

        final Set<String> seen = ConcurrentHashMap.newKeySet();

        @HpKafkaListener(id = "commits", topics = "${test.topic}", groupId = "${test.topic}",
                properties = "ack-mode=${test.ack-mode}")
        void onRecord(String value, @Header(HpKafkaHeaders.OFFSET) long offset, Acknowledgment acknowledgment) {
            this.seen.add(value);
            acknowledgment.acknowledge(); // does nothing but in the manual modes
        }

    }

}
