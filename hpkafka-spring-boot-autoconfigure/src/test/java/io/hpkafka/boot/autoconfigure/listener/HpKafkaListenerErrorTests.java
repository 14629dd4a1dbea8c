package io.hpkafka.boot.autoconfigure.listener;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.record.KafkaRecord;
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
 * Listener failures against a real broker: retries in place, then the dead-letter topic with every header; a record
 * that cannot be deserialized goes there at once without holding the records behind it; a not-retryable exception
 * is not retried; and a member joining the group while a record waits for its retry loses nothing.
 */
@HpKafkaCluster
@SpringBootTest(classes = HpKafkaListenerErrorTests.ErrorApplication.class,
        properties = { "hpkafka.consumer.group-id=errors", "hpkafka.producer.buffering-time=5ms",
                "hpkafka.consumer.buffering-time=5ms", "hpkafka.consumer.default-offset=earliest",
                "hpkafka.listener.retry.max-attempts=3", "hpkafka.listener.retry.initial-interval=200ms",
                "hpkafka.listener.retry.multiplier=2", "hpkafka.listener.dead-letter.enabled=true" })
@DirtiesContext
class HpKafkaListenerErrorTests {

    static KafkaTestCluster kafka;

    @Autowired
    private ClusterClient client;

    @Autowired
    private FailingListeners listeners;

    @Autowired
    private HpKafkaListenerEndpointRegistry registry;

    @DynamicPropertySource
    static void brokers(DynamicPropertyRegistry registry) {
        registry.add("hpkafka.seeds", () -> kafka.bootstrapServers());
    }

    @BeforeAll
    static void createTopics() {
        for (String topic : List.of("err.orders", "err.json", "err.fatal", "err.batch")) {
            kafka.createTopic(topic, 1, 1);
            kafka.createTopic(topic + ".DLT", 1, 1);
        }
        kafka.createTopic("err.rebalance", 2, 1);
    }

    @Test
    void aFailingRecordIsRetriedThenPublishedToTheDeadLetterTopicWithEveryHeader() throws Exception {
        ListenerTestSupport.send(this.client, "err.orders", 0, "k-a", "a");
        ListenerTestSupport.send(this.client, "err.orders", 0, "k-bad", "bad", "trace", "t-1");
        ListenerTestSupport.send(this.client, "err.orders", 0, "k-c", "c");
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> this.listeners.processed.contains("c")
                && deadLetter("err.orders.DLT") != null);
        assertThat(this.listeners.calls).containsExactly("a", "bad", "bad", "bad", "c");
        assertThat(this.listeners.deadLetterOrigins).contains("err.orders.DLT <- 0@1");
        assertThat(this.listeners.processed).containsExactly("a", "c");
        KafkaRecord dead = deadLetter("err.orders.DLT");
        assertThat(dead.partition()).isZero();
        assertThat(text(dead.key())).isEqualTo("k-bad");
        assertThat(text(dead.value())).isEqualTo("bad");
        Map<String, byte[]> headers = headers(dead);
        assertThat(text(headers.get("trace"))).isEqualTo("t-1");
        assertThat(text(headers.get(HpKafkaHeaders.DLT_ORIGINAL_TOPIC))).isEqualTo("err.orders");
        assertThat(ByteBuffer.wrap(headers.get(HpKafkaHeaders.DLT_ORIGINAL_PARTITION)).getInt()).isZero();
        assertThat(ByteBuffer.wrap(headers.get(HpKafkaHeaders.DLT_ORIGINAL_OFFSET)).getLong()).isEqualTo(1L);
        assertThat(ByteBuffer.wrap(headers.get(HpKafkaHeaders.DLT_ORIGINAL_TIMESTAMP)).getLong())
            .isBetween(System.currentTimeMillis() - 120_000, System.currentTimeMillis());
        assertThat(text(headers.get(HpKafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE))).isEqualTo("CreateTime");
        assertThat(text(headers.get(HpKafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))).isEqualTo("errors");
        assertThat(text(headers.get(HpKafkaHeaders.DLT_EXCEPTION_FQCN)))
            .isEqualTo(IllegalStateException.class.getName());
        assertThat(text(headers.get(HpKafkaHeaders.DLT_EXCEPTION_MESSAGE))).isEqualTo("bad order at offset 1");
        assertThat(text(headers.get(HpKafkaHeaders.DLT_EXCEPTION_STACKTRACE)))
            .contains("IllegalStateException: bad order at offset 1")
            .contains("FailingListeners.onOrder");
    }

    @Test
    void aRecordThatCannotBeDeserializedGoesToTheDeadLetterTopicAtOnceAndTheNextFollows() throws Exception {
        ListenerTestSupport.send(this.client, "err.json", 0, "poison", "not json at all");
        ListenerTestSupport.send(this.client, "err.json", 0, "good", "{\"id\":\"o-1\",\"quantity\":2}");
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> !this.listeners.orders.isEmpty()
                && deadLetter("err.json.DLT") != null);
        assertThat(this.listeners.orders).containsExactly(new Order("o-1", 2));
        KafkaRecord dead = deadLetter("err.json.DLT");
        assertThat(text(dead.value())).isEqualTo("not json at all");
        assertThat(text(headers(dead).get(HpKafkaHeaders.DLT_EXCEPTION_FQCN)))
            .isEqualTo(PayloadConversionException.class.getName());
        assertThat(ByteBuffer.wrap(headers(dead).get(HpKafkaHeaders.DLT_ORIGINAL_OFFSET)).getLong()).isZero();
    }

    @Test
    void aNotRetryableExceptionGoesToTheDeadLetterTopicAfterOneAttempt() throws Exception {
        ListenerTestSupport.send(this.client, "err.fatal", 0, null, "x");
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> deadLetter("err.fatal.DLT") != null);
        assertThat(this.listeners.fatalCalls).hasValue(1);
        assertThat(text(headers(deadLetter("err.fatal.DLT")).get(HpKafkaHeaders.DLT_EXCEPTION_FQCN)))
            .isEqualTo(IllegalArgumentException.class.getName());
    }

    @Test
    void aPoisonPillInAManuallyAcknowledgedBatchGoesToTheDeadLetterTopicAndTheBatchIsCommittedWhole()
            throws Exception {
        for (int i = 0; i < 5; i++) {
            ListenerTestSupport.send(this.client, "err.batch", 0, null,
                    (i == 2) ? "poison" : "{\"id\":\"b" + i + "\",\"quantity\":" + i + "}");
        }
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> this.listeners.batched.size() == 4
                && deadLetter("err.batch.DLT") != null);
        assertThat(this.listeners.batched).extracting(Order::id).containsExactly("b0", "b1", "b3", "b4");
        this.registry.getListenerContainer("batch").stop();
        assertThat(ListenerTestSupport.committed(kafka.bootstrapServers(), "errors", "err.batch"))
            .containsEntry(0, 5L);
    }

    @Test
    void aMemberJoiningWhileARecordWaitsForItsRetryLosesNothing() throws Exception {
        RebalanceListener.reset();
        String[] properties = { "hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.consumer.group-id=rebalance",
                "hpkafka.producer.buffering-time=5ms", "hpkafka.consumer.buffering-time=5ms",
                "hpkafka.consumer.default-offset=earliest", "hpkafka.listener.retry.max-attempts=5",
                "hpkafka.listener.retry.initial-interval=3s" };
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(RebalanceApplication.class)
            .web(WebApplicationType.NONE).properties(properties).run()) {
            HpKafkaListenerContainer container = first.getBean(HpKafkaListenerEndpointRegistry.class)
                .getListenerContainer("rebalance");
            await().atMost(ListenerTestSupport.TIMEOUT).until(() -> container.getAssignedPartitions().size() == 2);
            for (int i = 0; i < 40; i++) {
                ListenerTestSupport.send(this.client, "err.rebalance", i % 2, null, (i == 6) ? "flaky" : "r" + i);
            }
            // "flaky" (partition 0) failed once and waits 3 s for its retry; a second member joins meanwhile.
            await().atMost(ListenerTestSupport.TIMEOUT).until(() -> RebalanceListener.failures.get() == 1);
            try (ConfigurableApplicationContext second = new SpringApplicationBuilder(RebalanceApplication.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> RebalanceListener.processed.size() == 40);
                assertThat(RebalanceListener.processed).contains("0@3"); // "flaky", at its second attempt
            }
        }
        Map<Integer, Long> committed = ListenerTestSupport.committed(kafka.bootstrapServers(), "rebalance",
                "err.rebalance");
        assertThat(committed).containsEntry(0, 20L).containsEntry(1, 20L);
    }

    private KafkaRecord deadLetter(String topic) {
        return this.listeners.deadLetters.stream().filter((r) -> r.topic().equals(topic)).findFirst().orElse(null);
    }

    private static Map<String, byte[]> headers(KafkaRecord record) {
        Map<String, byte[]> headers = new ConcurrentHashMap<>();
        for (io.hpkafka.record.Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    record Order(String id, int quantity) {
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(HpKafkaAutoConfiguration.class)
    @Import(FailingListeners.class)
    static class ErrorApplication {

    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(HpKafkaAutoConfiguration.class)
    @Import(RebalanceListener.class)
    static class RebalanceApplication {

    }

    static class FailingListeners {

        final Queue<String> calls = new ConcurrentLinkedQueue<>();

        final Queue<String> processed = new ConcurrentLinkedQueue<>();

        final Queue<Order> orders = new ConcurrentLinkedQueue<>();

        final Queue<KafkaRecord> deadLetters = new ConcurrentLinkedQueue<>();

        final Queue<String> deadLetterOrigins = new ConcurrentLinkedQueue<>();

        final AtomicInteger fatalCalls = new AtomicInteger();

        final Queue<Order> batched = new ConcurrentLinkedQueue<>();

        @HpKafkaListener(id = "failing", topics = "err.orders")
        void onOrder(String order, @Header(HpKafkaHeaders.OFFSET) long offset) {
            this.calls.add(order);
            if (order.equals("bad")) {
                throw new IllegalStateException("bad order at offset " + offset);
            }
            this.processed.add(order);
        }

        @HpKafkaListener(id = "json", topics = "err.json")
        void onJson(Order order) {
            this.orders.add(order);
        }

        @HpKafkaListener(id = "fatal", topics = "err.fatal",
                properties = "retry.not-retryable=java.lang.IllegalArgumentException")
        void onFatal(String order) {
            this.fatalCalls.incrementAndGet();
            throw new IllegalArgumentException("cannot take " + order);
        }

        @HpKafkaListener(id = "batch", topics = "err.batch", batch = "true",
                properties = { "ack-mode=MANUAL", "batch.max-wait=500ms" })
        void onBatch(List<Order> orders, Acknowledgment acknowledgment) {
            this.batched.addAll(orders);
            acknowledgment.acknowledge();
        }

        @HpKafkaListener(id = "dead-letters",
                topics = { "err.orders.DLT", "err.json.DLT", "err.fatal.DLT", "err.batch.DLT" },
                groupId = "errors-dlt")
        void onDeadLetter(KafkaRecord record, @Header(HpKafkaHeaders.DLT_ORIGINAL_PARTITION) int partition,
                @Header(HpKafkaHeaders.DLT_ORIGINAL_OFFSET) long offset) {
            this.deadLetters.add(record);
            this.deadLetterOrigins.add(record.topic() + " <- " + partition + "@" + offset);
        }

    }

    static class RebalanceListener {

        // Shared by both application contexts of the test.
        static final Set<String> processed = ConcurrentHashMap.newKeySet();

        static final AtomicInteger failures = new AtomicInteger();

        static void reset() {
            processed.clear();
            failures.set(0);
        }

        @HpKafkaListener(id = "rebalance", topics = "err.rebalance")
        void onRecord(String value, @Header(HpKafkaHeaders.RECEIVED_PARTITION) int partition,
                @Header(HpKafkaHeaders.OFFSET) long offset) {
            if (value.equals("flaky") && failures.get() == 0) {
                failures.incrementAndGet();
                throw new IllegalStateException("flaky fails once");
            }
            processed.add(partition + "@" + offset);
        }

    }

}
