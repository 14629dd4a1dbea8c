package io.hpkafka.boot.autoconfigure.listener;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A group-mode {@link HpKafkaListener} with {@code concurrency = 3} on a 6-partition topic, and a second instance of
 * the application joining its group, against a real broker. The committed offsets are read with the official Admin
 * client.
 */
@HpKafkaCluster
@SpringBootTest(classes = HpKafkaListenerGroupTests.OrdersApplication.class,
        properties = { "hpkafka.consumer.group-id=group-tests", "hpkafka.producer.buffering-time=5ms",
                "hpkafka.consumer.buffering-time=5ms", "hpkafka.consumer.default-offset=earliest" })
@DirtiesContext
class HpKafkaListenerGroupTests {

    private static final String TOPIC = "group.orders";

    static KafkaTestCluster kafka;

    @Autowired
    private ConfigurableApplicationContext context;

    @DynamicPropertySource
    static void brokers(DynamicPropertyRegistry registry) {
        registry.add("hpkafka.seeds", () -> kafka.bootstrapServers());
    }

    @BeforeAll
    static void createTopic() {
        kafka.createTopic(TOPIC, 6, 1);
    }

    @Test
    void concurrencySplitsThePartitionsASecondInstanceTakesHalfAndAGracefulStopCommitsWhatWasProcessed()
            throws Exception {
        ClusterClient client = this.context.getBean(ClusterClient.class);
        OrderListener first = this.context.getBean(OrderListener.class);
        HpKafkaListenerContainer container = this.context.getBean(HpKafkaListenerEndpointRegistry.class)
            .getListenerContainer("orders");
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> container.getAssignedPartitions().size() == 6);
        for (int i = 0; i < 600; i++) {
            ListenerTestSupport.send(client, TOPIC, i % 6, "k" + i, "order-" + i);
        }
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> first.seen.size() == 600);
        assertThat(first.duplicates).hasValue(0);
        // Three consumers, each on its own thread with two partitions.
        Map<String, Set<Integer>> partitionsByThread = new HashMap<>();
        first.threadOf.forEach((partition, thread) -> partitionsByThread
            .computeIfAbsent(thread, (t) -> new HashSet<>()).add(partition));
        assertThat(partitionsByThread).hasSize(3).allSatisfy((thread, partitions) -> assertThat(partitions).hasSize(2));

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(OrdersApplication.class)
            .web(WebApplicationType.NONE)
            .properties("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.consumer.group-id=group-tests",
                    "hpkafka.producer.buffering-time=5ms", "hpkafka.consumer.buffering-time=5ms",
                    "hpkafka.consumer.default-offset=earliest")
            .run()) {
            HpKafkaListenerContainer secondContainer = second.getBean(HpKafkaListenerEndpointRegistry.class)
                .getListenerContainer("orders");
            await().atMost(ListenerTestSupport.TIMEOUT).until(() -> container.getAssignedPartitions().size() == 3
                    && secondContainer.getAssignedPartitions().size() == 3);
            assertThat(container.getAssignedPartitions()).doesNotContainAnyElementsOf(
                    secondContainer.getAssignedPartitions());
            OrderListener secondListener = second.getBean(OrderListener.class);
            for (int i = 600; i < 1200; i++) {
                ListenerTestSupport.send(client, TOPIC, i % 6, "k" + i, "order-" + i);
            }
            await().atMost(ListenerTestSupport.TIMEOUT)
                .until(() -> first.seen.size() + secondListener.seen.size() == 1200);
            Set<String> all = new HashSet<>(first.seen.keySet());
            all.addAll(secondListener.seen.keySet());
            assertThat(all).as("every record once, across both instances").hasSize(1200);
            assertThat(first.duplicates.get() + secondListener.duplicates.get()).isZero();
            assertThat(secondListener.seen).hasSize(300); // its three partitions' share of the second 600
        }
        // The second instance closed (committed and left); stop the first gracefully too.
        this.context.getBean(HpKafkaListenerEndpointRegistry.class).stop();
        Map<Integer, Long> committed = ListenerTestSupport.committed(kafka.bootstrapServers(), "group-tests", TOPIC);
        assertThat(committed).hasSize(6).allSatisfy((partition, offset) -> assertThat(offset).isEqualTo(200L));
        assertThat(committed.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1200L);
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(HpKafkaAutoConfiguration.class)
    @Import(OrderListener.class)
    static class OrdersApplication {

    }

    static class OrderListener {

        final Map<String, String> seen = new ConcurrentHashMap<>();

        final Map<Integer, String> threadOf = new ConcurrentHashMap<>();

        final AtomicInteger duplicates = new AtomicInteger();

        @HpKafkaListener(id = "orders", topics = TOPIC, concurrency = "3")
        void onOrder(String order, @Header(HpKafkaHeaders.RECEIVED_PARTITION) int partition,
                @Header(HpKafkaHeaders.OFFSET) long offset) {
            if (this.seen.put(partition + "@" + offset, order) != null) {
                this.duplicates.incrementAndGet();
            }
            this.threadOf.put(partition, Thread.currentThread().getName());
        }

    }

}
