package io.hpkafka.boot.autoconfigure.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.hpkafka.ClusterClient;
import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured producer and {@link HpKafkaListener} methods against a real broker (one embedded broker shared
 * by the whole class).
 */
@HpKafkaCluster
@ExtendWith(OutputCaptureExtension.class)
class HpKafkaListenerEndToEndTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static KafkaTestCluster kafka;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.producer.buffering-time=10ms",
                "hpkafka.consumer.buffering-time=10ms");

    @BeforeAll
    static void createTopics() {
        kafka.createTopic("e2e.orders", 3, 1);
        kafka.createTopic("e2e.failing", 1, 1);
        kafka.createTopic("e2e.refunds", 2, 1);
        kafka.createTopic("e2e.returns", 1, 1);
        kafka.createTopic("e2e.latest", 2, 1);
    }

    @Test
    void everyProducedRecordReachesStringBytesAndRecordListeners() {
        this.contextRunner.withBean(PayloadListeners.class).run((context) -> {
            assertThat(context).hasNotFailed();
            List<String> sent = IntStream.range(0, 1000).mapToObj((i) -> "{\"orderId\":\"order-" + i + "\"}").toList();
            for (int i = 0; i < sent.size(); i++) {
                assertThat(producer(context).produce("e2e.orders", "order-" + i, sent.get(i))).isTrue();
            }
            PayloadListeners listeners = context.getBean(PayloadListeners.class);
            await().atMost(TIMEOUT).until(() -> listeners.strings.size() >= 1000 && listeners.bytes.size() >= 1000
                    && listeners.records.size() >= 1000);
            assertThat(listeners.strings).hasSize(1000).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(listeners.bytes).hasSize(1000)
                .extracting((value) -> new String(value, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(sent);
            assertThat(listeners.records).hasSize(1000).allSatisfy((record) -> {
                assertThat(record.topic()).isEqualTo("e2e.orders");
                assertThat(record.partition()).isBetween(0, 2);
                assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .contains(new String(record.key(), StandardCharsets.UTF_8));
            });
            Set<String> positions = listeners.records.stream()
                .map((record) -> record.partition() + "@" + record.offset())
                .collect(Collectors.toSet());
            assertThat(positions).hasSize(1000);
        });
    }

    @Test
    void aListenerThatThrowsIsRetriedThenLoggedAndConsumptionContinues(CapturedOutput output) {
        this.contextRunner.withPropertyValues("hpkafka.listener.retry.initial-interval=50ms")
            .withBean(FailingListener.class)
            .run((context) -> {
                for (String value : List.of("first", "poison", "last")) {
                    producer(context).produce("e2e.failing", null, value);
                }
                FailingListener listener = context.getBean(FailingListener.class);
                await().atMost(TIMEOUT).until(() -> listener.received.contains("last"));
                // Three deliveries of the failing record (retry.max-attempts), in place: "last" waits behind it.
                assertThat(listener.received).containsExactly("first", "poison", "poison", "poison", "last");
                assertThat(output).contains("@HpKafkaListener 'failing' failed on record e2e.failing-0@1 (attempt 1 of 3)")
                    .contains("@HpKafkaListener 'failing' gave up on record e2e.failing-0@1 (group none); skipping it")
                    .contains("poisoned order");
            });
    }

    @Test
    void aPlaceholderResolvingToSeveralTopicsListensToEachOfThem() {
        this.contextRunner.withPropertyValues("e2e.topics=e2e.refunds, e2e.returns")
            .withBean(PlaceholderListener.class)
            .run((context) -> {
                producer(context).produce("e2e.refunds", "r-1", "refund");
                producer(context).produce("e2e.returns", "r-2", "return");
                PlaceholderListener listener = context.getBean(PlaceholderListener.class);
                await().atMost(TIMEOUT).until(() -> listener.topics.size() >= 2);
                assertThat(listener.topics).containsExactlyInAnyOrder("e2e.refunds", "e2e.returns");
                assertThat(context.getBean(HpKafkaListenerEndpointRegistry.class).getListenerContainer("placeholder"))
                    .satisfies((container) -> assertThat(container.getTopics())
                        .containsExactly("e2e.refunds", "e2e.returns"));
            });
    }

    @Test
    void aLatestListenerSkipsRecordsProducedBeforeItStarted() {
        // Records acknowledged before the listener starts lie below the latest offset it starts from.
        this.contextRunner.run((context) -> {
            AtomicInteger acknowledged = new AtomicInteger();
            context.getBean(ClusterClient.class).onAcknowledged((ack) -> acknowledged.addAndGet(ack.recordCount()));
            for (int i = 0; i < 5; i++) {
                producer(context).produce("e2e.latest", null, "before-" + i);
            }
            await().atMost(TIMEOUT).until(() -> acknowledged.get() == 5);
        });
        this.contextRunner.withBean(LatestListener.class).run((context) -> {
            LatestListener listener = context.getBean(LatestListener.class);
            AtomicInteger sent = new AtomicInteger();
            // The start position is resolved asynchronously: send until records produced after it arrive.
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                producer(context).produce("e2e.latest", null, "after-" + sent.getAndIncrement());
                return !listener.received.isEmpty();
            });
            assertThat(listener.received).allMatch((value) -> value.startsWith("after-"));
        });
    }

    @Test
    void stoppingTheContextStopsTheListeners() {
        this.contextRunner.withBean(PayloadListeners.class).run((context) -> {
            HpKafkaListenerEndpointRegistry registry = context.getBean(HpKafkaListenerEndpointRegistry.class);
            assertThat(registry.isRunning()).isTrue();
            context.stop();
            assertThat(registry.isRunning()).isFalse();
        });
    }

    @SuppressWarnings("unchecked")
    private static KafkaProducer<String, String> producer(AssertableApplicationContext context) {
        return context.getBean(KafkaProducer.class);
    }

    static class PayloadListeners {

        final Queue<String> strings = new ConcurrentLinkedQueue<>();

        final Queue<byte[]> bytes = new ConcurrentLinkedQueue<>();

        final Queue<KafkaRecord> records = new ConcurrentLinkedQueue<>();

        @HpKafkaListener(topics = "e2e.orders", startFrom = StartFrom.EARLIEST)
        void onString(String value) {
            this.strings.add(value);
        }

        @HpKafkaListener(topics = "e2e.orders", startFrom = StartFrom.EARLIEST)
        void onBytes(byte[] value) {
            this.bytes.add(value);
        }

        @HpKafkaListener(topics = "e2e.orders", startFrom = StartFrom.EARLIEST)
        void onRecord(KafkaRecord record) {
            this.records.add(record);
        }

    }

    static class FailingListener {

        final Queue<String> received = new ConcurrentLinkedQueue<>();

        @HpKafkaListener(id = "failing", topics = "e2e.failing", startFrom = StartFrom.EARLIEST)
        void onOrder(String value) {
            this.received.add(value);
            if (value.equals("poison")) {
                throw new IllegalArgumentException("poisoned order");
            }
        }

    }

    static class PlaceholderListener {

        final Set<String> topics = ConcurrentHashMap.newKeySet();

        @HpKafkaListener(id = "placeholder", topics = "${e2e.topics}", startFrom = StartFrom.EARLIEST)
        void onRecord(KafkaRecord record) {
            this.topics.add(record.topic());
        }

    }

    static class LatestListener {

        final Queue<String> received = new ConcurrentLinkedQueue<>();

        @HpKafkaListener(topics = "e2e.latest")
        void onOrder(String value) {
            this.received.add(value);
        }

    }

}
