package io.hpkafka.boot.autoconfigure.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pausing, resuming, stopping and starting a listener container through the registry at run time, against a real
 * broker: nothing is delivered while paused or stopped, and nothing is lost or delivered twice across them.
 */
@HpKafkaCluster
@SpringBootTest(classes = HpKafkaListenerRegistryTests.RegistryApplication.class,
        properties = { "hpkafka.consumer.group-id=registry", "hpkafka.producer.buffering-time=5ms",
                "hpkafka.consumer.buffering-time=5ms", "hpkafka.consumer.default-offset=earliest" })
@DirtiesContext
class HpKafkaListenerRegistryTests {

    private static final String TOPIC = "reg.orders";

    static KafkaTestCluster kafka;

    @Autowired
    private ClusterClient client;

    @Autowired
    private HpKafkaListenerEndpointRegistry registry;

    @Autowired
    private CountingListener listener;

    @DynamicPropertySource
    static void brokers(DynamicPropertyRegistry registry) {
        registry.add("hpkafka.seeds", () -> kafka.bootstrapServers());
    }

    @BeforeAll
    static void createTopic() {
        kafka.createTopic(TOPIC, 2, 1);
    }

    @Test
    void pauseResumeStopAndStartThroughTheRegistry() throws Exception {
        assertThat(this.registry.getListenerContainerIds()).containsExactly("controlled");
        HpKafkaListenerContainer container = this.registry.getListenerContainer("controlled");
        assertThat(container.isRunning()).isTrue();
        assertThat(container.getGroupId()).isEqualTo("registry");
        produce(0, 10);
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> this.listener.seen.size() == 10);

        container.pause();
        assertThat(container.isPaused()).isTrue();
        produce(10, 20);
        Thread.sleep(1500);
        assertThat(this.listener.seen).as("nothing delivered while paused").hasSize(10);
        container.resume();
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> this.listener.seen.size() == 20);

        container.stop();
        assertThat(container.isRunning()).isFalse();
        assertThat(container.getAssignedPartitions()).isEmpty();
        assertThat(ListenerTestSupport.committed(kafka.bootstrapServers(), "registry", TOPIC))
            .containsEntry(0, 10L).containsEntry(1, 10L);
        produce(20, 30);
        Thread.sleep(1000);
        assertThat(this.listener.seen).as("nothing delivered while stopped").hasSize(20);
        container.start();
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> this.listener.seen.size() == 30);
        assertThat(this.listener.duplicates).hasValue(0);
    }

    private void produce(int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            ListenerTestSupport.send(this.client, TOPIC, i % 2, null, "order-" + i);
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(HpKafkaAutoConfiguration.class)
    @Import(CountingListener.class)
    static class RegistryApplication {

    }

    static class CountingListener {

        final Map<String, String> seen = new ConcurrentHashMap<>();

        final AtomicInteger duplicates = new AtomicInteger();

        @HpKafkaListener(id = "controlled", topics = TOPIC, concurrency = "2")
        void onOrder(String order, @Header(HpKafkaHeaders.RECEIVED_PARTITION) int partition,
                @Header(HpKafkaHeaders.OFFSET) long offset) {
            if (this.seen.put(partition + "@" + offset, order) != null) {
                this.duplicates.incrementAndGet();
            }
        }

    }

}
