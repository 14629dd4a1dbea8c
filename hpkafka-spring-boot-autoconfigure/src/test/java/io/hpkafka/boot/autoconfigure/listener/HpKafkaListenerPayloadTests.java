package io.hpkafka.boot.autoconfigure.listener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.record.KafkaRecord;
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
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What listener methods take and give, against a real broker: JSON payloads into a class and a generic type, the key,
 * headers and the record's coordinates, batches, manual acknowledgment with redelivery of what was not acknowledged,
 * and replies with {@code @SendTo}.
 */
@HpKafkaCluster
@SpringBootTest(classes = HpKafkaListenerPayloadTests.PayloadApplication.class,
        properties = { "hpkafka.consumer.group-id=payloads", "hpkafka.producer.buffering-time=5ms",
                "hpkafka.consumer.buffering-time=5ms", "hpkafka.consumer.default-offset=earliest" })
@DirtiesContext
class HpKafkaListenerPayloadTests {

    static KafkaTestCluster kafka;

    @Autowired
    private ClusterClient client;

    @Autowired
    private PayloadListeners listeners;

    @Autowired
    private HpKafkaListenerEndpointRegistry registry;

    @DynamicPropertySource
    static void brokers(DynamicPropertyRegistry registry) {
        registry.add("hpkafka.seeds", () -> kafka.bootstrapServers());
    }

    @BeforeAll
    static void createTopics() {
        kafka.createTopic("pay.orders", 2, 1);
        kafka.createTopic("pay.lists", 1, 1);
        kafka.createTopic("pay.batch", 3, 1);
        kafka.createTopic("pay.manual", 1, 1);
        kafka.createTopic("pay.requests", 1, 1);
        kafka.createTopic("pay.replies", 1, 1);
        kafka.createTopic("pay.async-requests", 1, 1);
    }

    @Test
    void aJsonPayloadIsReadIntoTheParameterWithTheKeyHeadersAndCoordinates() throws Exception {
        ListenerTestSupport.send(this.client, "pay.orders", 1, "order-7", "{\"id\":\"o-7\",\"quantity\":3}", "trace",
                "t-42", "attempt", "2");
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> !this.listeners.orders.isEmpty());
        assertThat(this.listeners.orders).containsExactly(
                "o-7 x3 key=order-7 trace=t-42 attempt=2 missing=null partition=1 group=payloads headers=[trace, attempt]"
                        + " tier=basic record=pay.orders@0");
    }

    @Test
    void aJsonArrayIsReadIntoAGenericParameterType() throws Exception {
        ListenerTestSupport.send(this.client, "pay.lists", 0, null,
                "[{\"id\":\"a\",\"quantity\":1},{\"id\":\"b\",\"quantity\":2}]");
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> !this.listeners.lists.isEmpty());
        assertThat(this.listeners.lists.peek()).containsExactly(new Order("a", 1), new Order("b", 2));
    }

    @Test
    void batchListenersGetListsOfPayloadsAndOfRecordsNoLargerThanTheMaximum() throws Exception {
        for (int i = 0; i < 300; i++) {
            this.client.produce("pay.batch", ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"b-" + i + "\",\"quantity\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> count(this.listeners.orderBatches) == 300
                && count(this.listeners.recordBatches) == 300);
        assertThat(this.listeners.orderBatches).allSatisfy((batch) -> assertThat(batch).hasSizeBetween(1, 50));
        assertThat(this.listeners.orderBatches.stream().flatMap(List::stream).map(Order::id).distinct().count())
            .isEqualTo(300);
        assertThat(this.listeners.recordBatches.stream().flatMap(List::stream)
            .map((r) -> r.partition() + "@" + r.offset()).distinct().count()).isEqualTo(300);
    }

    @Test
    void unacknowledgedRecordsAreDeliveredAgainAfterARestartAndAcknowledgedOnesAreNot() throws Exception {
        for (int i = 0; i < 10; i++) {
            ListenerTestSupport.send(this.client, "pay.manual", 0, null, (i == 4) ? "hold" : "v" + i);
        }
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> this.listeners.manualOffsets.size() == 10);
        HpKafkaListenerContainer manual = this.registry.getListenerContainer("manual");
        manual.stop();
        // Offset 4 was not acknowledged: the commit stops there, although 5 to 9 were.
        assertThat(ListenerTestSupport.committed(kafka.bootstrapServers(), "payloads-manual", "pay.manual"))
            .containsEntry(0, 4L);
        this.listeners.manualOffsets.clear();
        this.listeners.acknowledgeEverything = true;
        manual.start();
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> this.listeners.manualOffsets.size() >= 6);
        assertThat(this.listeners.manualOffsets).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        manual.stop();
        assertThat(ListenerTestSupport.committed(kafka.bootstrapServers(), "payloads-manual", "pay.manual"))
            .containsEntry(0, 10L);
    }

    @Test
    void aReturnValueIsSentToTheSendToTopicWithTheIncomingKey() throws Exception {
        ListenerTestSupport.send(this.client, "pay.requests", 0, "req-1", "hello");
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> !this.listeners.replies.isEmpty());
        KafkaRecord reply = this.listeners.replies.peek();
        assertThat(new String(reply.key(), StandardCharsets.UTF_8)).isEqualTo("req-1");
        assertThat(new String(reply.value(), StandardCharsets.UTF_8)).isEqualTo("HELLO");
        // A CompletableFuture's result, once complete, as JSON.
        ListenerTestSupport.send(this.client, "pay.async-requests", 0, "req-2", "later");
        await().atMost(ListenerTestSupport.TIMEOUT).until(() -> this.listeners.replies.size() == 2);
        KafkaRecord later = this.listeners.replies.stream()
            .filter((r) -> new String(r.key(), StandardCharsets.UTF_8).equals("req-2")).findFirst().orElseThrow();
        assertThat(new String(later.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"later\",\"quantity\":1}");
    }

    private static <T> int count(Queue<List<T>> batches) {
        return batches.stream().mapToInt(List::size).sum();
    }

    record Order(String id, int quantity) {
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(HpKafkaAutoConfiguration.class)
    @Import(PayloadListeners.class)
    static class PayloadApplication {

    }

    static class PayloadListeners {

        final Queue<String> orders = new ConcurrentLinkedQueue<>();

        final Queue<List<Order>> lists = new ConcurrentLinkedQueue<>();

        final Queue<List<Order>> orderBatches = new ConcurrentLinkedQueue<>();

        final Queue<List<KafkaRecord>> recordBatches = new ConcurrentLinkedQueue<>();

        final Queue<Long> manualOffsets = new ConcurrentLinkedQueue<>();

        final Queue<KafkaRecord> replies = new ConcurrentLinkedQueue<>();

        volatile boolean acknowledgeEverything;

        @HpKafkaListener(id = "json", topics = "pay.orders")
        void onOrder(Order order, @Header(HpKafkaHeaders.RECEIVED_KEY) String key, @Header("trace") String trace,
                @Header("attempt") int attempt, @Header(name = "missing", required = false) String missing,
                @Header(HpKafkaHeaders.RECEIVED_PARTITION) int partition,
                @Header(HpKafkaHeaders.GROUP_ID) String group, @Headers Map<String, Object> headers,
                @Header(name = "tier", defaultValue = "basic") String tier, KafkaRecord record) {
            this.orders.add(order.id() + " x" + order.quantity() + " key=" + key + " trace=" + trace + " attempt="
                    + attempt + " missing=" + missing + " partition=" + partition + " group=" + group + " headers="
                    + headers.keySet() + " tier=" + tier + " record=" + record.topic() + "@" + record.offset());
        }

        @HpKafkaListener(id = "lists", topics = "pay.lists")
        void onOrders(List<Order> orders) {
            this.lists.add(orders);
        }

        @HpKafkaListener(id = "batch", topics = "pay.batch", batch = "true",
                properties = { "batch.max-size=50", "batch.max-wait=50ms" })
        void onOrderBatch(List<Order> batch) {
            this.orderBatches.add(List.copyOf(batch));
        }

        @HpKafkaListener(id = "record-batch", topics = "pay.batch", groupId = "payloads-records", batch = "true")
        void onRecordBatch(List<KafkaRecord> batch) {
            this.recordBatches.add(List.copyOf(batch));
        }

        @HpKafkaListener(id = "manual", topics = "pay.manual", groupId = "payloads-manual",
                properties = "ack-mode=MANUAL")
        void onManual(String value, Acknowledgment acknowledgment, @Header(HpKafkaHeaders.OFFSET) long offset) {
            this.manualOffsets.add(offset);
            if (this.acknowledgeEverything || !value.equals("hold")) {
                acknowledgment.acknowledge();
            }
        }

        @HpKafkaListener(id = "requests", topics = "pay.requests")
        @SendTo("pay.replies")
        String onRequest(String request) {
            return request.toUpperCase(java.util.Locale.ROOT);
        }

        @HpKafkaListener(id = "async-requests", topics = "pay.async-requests")
        @SendTo("pay.replies")
        java.util.concurrent.CompletableFuture<Order> onAsyncRequest(String request) {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> new Order(request, 1));
        }

        @HpKafkaListener(id = "replies", topics = "pay.replies")
        void onReply(KafkaRecord reply) {
            this.replies.add(reply);
        }

    }

}
