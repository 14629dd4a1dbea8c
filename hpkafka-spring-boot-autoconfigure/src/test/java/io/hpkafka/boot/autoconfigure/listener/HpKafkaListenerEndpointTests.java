package io.hpkafka.boot.autoconfigure.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.serialization.Deserializer;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How endpoints are resolved and stopped, against a real broker: a topic pattern that picks up a topic created later,
 * SpEL in attributes, a deserializer named in properties, the shutdown timeout, and replies produced just before
 * shutdown.
 */
@HpKafkaCluster
class HpKafkaListenerEndpointTests {

    static KafkaTestCluster kafka;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
        .withPropertyValues("hpkafka.producer.buffering-time=5ms", "hpkafka.consumer.buffering-time=5ms",
                "hpkafka.consumer.default-offset=earliest");

    @BeforeAll
    static void createTopics() {
        kafka.createTopic("pattern.first", 1, 1);
        kafka.createTopic("spel.orders", 2, 1);
        kafka.createTopic("deser.orders", 1, 1);
        kafka.createTopic("deser.plain", 1, 1);
        kafka.createTopic("slow.orders", 1, 1);
        kafka.createTopic("shutdown.requests", 2, 1);
        kafka.createTopic("shutdown.replies", 1, 1);
    }

    @Test
    void aTopicPatternPicksUpATopicCreatedWhileTheListenerRuns() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.refresh-metadata-interval=1s")
            .withBean(PatternListener.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                ClusterClient client = context.getBean(ClusterClient.class);
                PatternListener listener = context.getBean(PatternListener.class);
                HpKafkaListenerContainer container = context.getBean(HpKafkaListenerEndpointRegistry.class)
                    .getListenerContainer("pattern");
                assertThat(container.getTopics()).containsExactly("pattern.first");
                ListenerTestSupport.send(client, "pattern.first", 0, null, "one");
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> listener.received.contains("pattern.first:one"));
                kafka.createTopic("pattern.second", 1, 1);
                await().atMost(ListenerTestSupport.TIMEOUT)
                    .until(() -> container.getTopics().contains("pattern.second"));
                ListenerTestSupport.send(client, "pattern.second", 0, null, "two");
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> listener.received.contains("pattern.second:two"));
                assertThat(listener.received).containsOnlyOnce("pattern.first:one");
            });
    }

    @Test
    void spelAndPlaceholdersResolveTopicsGroupAndConcurrency() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "spel.prefix=spel")
            .withBean(SpelListener.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                HpKafkaListenerContainer container = context.getBean(HpKafkaListenerEndpointRegistry.class)
                    .getListenerContainer("spel-listener");
                assertThat(container.getTopics()).containsExactly("spel.orders");
                assertThat(container.getGroupId()).isEqualTo("SPEL-GROUP");
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> container.getAssignedPartitions().size() == 2);
                ListenerTestSupport.send(context.getBean(ClusterClient.class), "spel.orders", 1, null, "x");
                SpelListener listener = context.getBean(SpelListener.class);
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> !listener.threads.isEmpty());
                assertThat(listener.threads.peek()).matches("hpkafka-listener-spel-listener-[01]");
            });
    }

    @Test
    void aValueDeserializerNamedForATopicConvertsItsPayloadsAndOtherTopicsKeepTheDefault() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers())
            .withBean(DeserializerListener.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                ListenerTestSupport.send(context.getBean(ClusterClient.class), "deser.orders", 0, null, "shout");
                ListenerTestSupport.send(context.getBean(ClusterClient.class), "deser.plain", 0, null, "quiet");
                DeserializerListener listener = context.getBean(DeserializerListener.class);
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> listener.received.size() == 2);
                assertThat(listener.received).containsExactlyInAnyOrder("SHOUT", "quiet");
            });
    }

    @Test
    void stoppingWaitsForTheRecordInHandUpToTheShutdownTimeoutThenInterruptsWithoutCommittingIt() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(),
                    "hpkafka.listener.shutdown-timeout=500ms")
            .withBean(SlowListener.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                SlowListener listener = context.getBean(SlowListener.class);
                ListenerTestSupport.send(context.getBean(ClusterClient.class), "slow.orders", 0, null, "slow");
                assertThat(listener.started.await(60, TimeUnit.SECONDS)).isTrue();
                long start = System.nanoTime();
                context.getBean(HpKafkaListenerEndpointRegistry.class).getListenerContainer("slow").stop();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).isLessThan(Duration.ofSeconds(5));
                await().atMost(Duration.ofSeconds(10)).untilTrue(listener.interrupted);
                // Interrupted by the stop, the record was not processed: neither recovered nor committed.
                assertThat(ListenerTestSupport.committed(kafka.bootstrapServers(), "slow-group", "slow.orders")
                    .getOrDefault(0, 0L)).isZero();
                // The interrupted consumer still commits and leaves, so the client closes at once too.
                start = System.nanoTime();
                context.close();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            });
    }

    @Test
    void repliesProducedBeforeShutdownAreAllInTheirTopicOnceTheContextIsClosed() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.producer.buffering-time=1s")
            .withBean(AtomicInteger.class, () -> handled)
            .withBean(ReplyingListener.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                ClusterClient client = context.getBean(ClusterClient.class);
                for (int i = 0; i < 200; i++) {
                    client.produce("shutdown.requests", ("k" + i).getBytes(StandardCharsets.UTF_8),
                            ("r" + i).getBytes(StandardCharsets.UTF_8));
                }
                await().atMost(ListenerTestSupport.TIMEOUT).until(() -> handled.get() == 200);
                // Replies wait up to a second in the producer's buffer: closing now must still send them all.
                context.close();
            });
        try (KafkaConsumer<String, String> oracle = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            oracle.assign(List.of(new org.apache.kafka.common.TopicPartition("shutdown.replies", 0)));
            Map<String, String> replies = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (replies.size() < 200 && System.nanoTime() < deadline) {
                oracle.poll(Duration.ofMillis(200)).forEach((r) -> replies.put(r.key(), r.value()));
            }
            assertThat(replies).hasSize(200).containsEntry("k7", "R7").containsEntry("k199", "R199");
        }
    }

    static class ReplyingListener {

        private final AtomicInteger handled;

        ReplyingListener(AtomicInteger handled) {
            this.handled = handled;
        }

        @HpKafkaListener(id = "replying", topics = "shutdown.requests", groupId = "shutdown-group")
        @SendTo("shutdown.replies")
        String onRequest(String request) {
            this.handled.incrementAndGet();
            return request.toUpperCase(Locale.ROOT);
        }

    }

    static class PatternListener {

        final Queue<String> received = new ConcurrentLinkedQueue<>();

        @HpKafkaListener(id = "pattern", topicPattern = "pattern\\..*", groupId = "pattern-group")
        void onRecord(String value, @Header(HpKafkaHeaders.RECEIVED_TOPIC) String topic) {
            this.received.add(topic + ":" + value);
        }

    }

    static class SpelListener {

        final Queue<String> threads = new ConcurrentLinkedQueue<>();

        @HpKafkaListener(id = "#{'spel' + '-listener'}", topics = "#{'${spel.prefix}' + '.orders'}",
                groupId = "#{'spel-group'.toUpperCase()}", concurrency = "#{1 + 1}")
        void onRecord(String value) {
            this.threads.add(Thread.currentThread().getName());
        }

    }

    static class DeserializerListener {

        final Queue<String> received = new ConcurrentLinkedQueue<>();

        @HpKafkaListener(id = "deser", topics = { "deser.orders", "deser.plain" },
                properties = "value-deserializers[deser.orders]="
                        + "io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointTests$UpperCaseDeserializer")
        void onRecord(String value) {
            this.received.add(value);
        }

    }

    public static class UpperCaseDeserializer implements Deserializer<String> {

        @Override
        public String deserialize(String topic, byte[] data) {
            return new String(data, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        }

    }

    static class SlowListener {

        final CountDownLatch started = new CountDownLatch(1);

        final AtomicBoolean interrupted = new AtomicBoolean();

        @HpKafkaListener(id = "slow", topics = "slow.orders", groupId = "slow-group",
                properties = "retry.max-attempts=1")
        void onRecord(String value) {
            this.started.countDown();
            try {
                Thread.sleep(60_000);
            }
            catch (InterruptedException ex) {
                this.interrupted.set(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handling " + value, ex);
            }
        }

    }

}
