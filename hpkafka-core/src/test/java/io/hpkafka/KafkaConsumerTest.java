package io.hpkafka;

import io.hpkafka.config.Configuration;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One consumer of a client against a real broker, as a hostile user drives it: listeners that throw, block, stop or
 * close from inside, consumers that share a delivery thread, and arguments that make no sense.
 */
@HpKafkaCluster
class KafkaConsumerTest {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Test
    void aListenerThatThrowsIsReportedOnTheErrorChannelAndTheNextRecordFollows(KafkaTestCluster kafka) {
        String topic = "throwing-" + RUN;
        kafka.createTopic(topic, 1, 1);
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            produce(client, topic, 20);
            List<ConsumerError> errors = new CopyOnWriteArrayList<>();
            AtomicLong seen = new AtomicLong();
            KafkaConsumer<byte[], byte[]> consumer = client.newConsumer();
            consumer.onError(errors::add);
            consumer.onRecordReceived(r -> {
                seen.incrementAndGet();
                if (r.offset() == 5) {
                    throw new AssertionError("an Error, not an exception"); // must not stall the consumer
                }
                if (r.offset() == 7) {
                    throw new IllegalStateException("seven");
                }
            });
            consumer.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.get() == 20 && errors.size() == 2);
            assertThat(errors).extracting(ConsumerError::kind).containsOnly(ConsumerError.Kind.LISTENER);
            assertThat(errors).extracting(ConsumerError::offset).containsExactly(5L, 7L);
            assertThat(errors).extracting(ConsumerError::retrying).containsOnly(false);
        }
    }

    @Test
    void consumersSharingOneDeliveryThreadTakeTurnsSoASlowOneDoesNotHoldAFastOne(KafkaTestCluster kafka) {
        String topic = "turns-" + RUN;
        String other = "turns-other-" + RUN;
        kafka.createTopic(topic, 1, 1);
        kafka.createTopic(other, 1, 1);
        int count = 1_000;
        int fewer = 200; // fewer than a turn's records
        // One delivery thread for both consumers (maximumConcurrency 1).
        try (ClusterClient client = new ClusterClient(config(kafka).maximumConcurrency(1).build())) {
            produce(client, topic, count);
            produce(client, other, fewer);
            AtomicLong slow = new AtomicLong();
            AtomicLong fast = new AtomicLong();
            KafkaConsumer<byte[], byte[]> slowConsumer = client.newConsumer();
            slowConsumer.onRecordReceived(r -> {
                slow.incrementAndGet();
                sleep(5);
            });
            slowConsumer.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> slow.get() > 0);
            KafkaConsumer<byte[], byte[]> fastConsumer = client.newConsumer();
            AtomicLong slowWhenFastDone = new AtomicLong(-1);
            fastConsumer.onRecordReceived(r -> {
                if (fast.incrementAndGet() == fewer) {
                    slowWhenFastDone.set(slow.get());
                }
            });
            fastConsumer.consumeFromEarliest(other, 0);
            await().atMost(60, TimeUnit.SECONDS).until(() -> slow.get() == count && fast.get() == fewer);
            // The slow consumer's 1,000 records came in one answer; it gives the thread up every 256 records.
            assertThat(slowWhenFastDone.get()).as("slow consumer's records when the fast one had all of its own")
                    .isLessThan(count);
        }
    }

    @Test
    void stopConsumeFromAListenerDeliversNothingMoreOfTheTopic(KafkaTestCluster kafka) {
        String topic = "stop-" + RUN;
        String sentinel = "stop-sentinel-" + RUN;
        kafka.createTopic(topic, 1, 1);
        kafka.createTopic(sentinel, 1, 1);
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            produce(client, topic, 1_000);
            produce(client, sentinel, 1);
            AtomicLong seen = new AtomicLong();
            AtomicBoolean sentinelSeen = new AtomicBoolean();
            KafkaConsumer<byte[], byte[]> consumer = client.newConsumer();
            consumer.onRecordReceived(r -> {
                if (r.topic().equals(sentinel)) {
                    sentinelSeen.set(true);
                } else if (seen.incrementAndGet() == 100) {
                    consumer.stopConsume(topic);
                    consumer.consumeFromEarliest(sentinel, 0); // delivered on this consumer's thread, after the rest
                }
            });
            consumer.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).untilTrue(sentinelSeen);
            assertThat(seen.get()).isEqualTo(100);
        }
    }

    @Test
    void closingAConsumerFromItsOwnListenerReturnsAtOnceAndTheClientGoesOn(KafkaTestCluster kafka) {
        String topic = "self-close-" + RUN;
        kafka.createTopic(topic, 1, 1);
        try (ClusterClient client = new ClusterClient(config(kafka).clientRequestTimeoutMs(60_000).build())) {
            produce(client, topic, 50);
            AtomicBoolean closeReturned = new AtomicBoolean();
            AtomicLong seen = new AtomicLong();
            KafkaConsumer<byte[], byte[]> consumer = client.newConsumer();
            consumer.onRecordReceived(r -> {
                if (seen.incrementAndGet() == 10) {
                    consumer.close(); // waiting here for the record in hand would wait for ourselves
                    closeReturned.set(true);
                }
            });
            consumer.consumeFromEarliest(topic, 0);
            // Far below the 60 s the close would otherwise wait.
            await().atMost(20, TimeUnit.SECONDS).untilTrue(closeReturned);
            await().atMost(20, TimeUnit.SECONDS).until(() -> client.consumerCount() == 1); // the default one
            assertThat(seen.get()).isEqualTo(10);
            KafkaConsumer<byte[], byte[]> after = client.newConsumer();
            AtomicLong again = new AtomicLong();
            after.onRecordReceived(r -> again.incrementAndGet());
            after.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> again.get() == 50);
        }
    }

    @Test
    void argumentsThatMakeNoSenseAreRefusedAtTheCall() {
        try (ClusterClient client = new ClusterClient(Configuration.builder().seeds("localhost:1").build())) {
            KafkaConsumer<byte[], byte[]> simple = client.newConsumer();
            assertThatThrownBy(() -> simple.consume("t", 0, -3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-3");
            assertThatThrownBy(() -> simple.consume("t", -1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(simple::commitAsync).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> simple.subscribe(" ", List.of("t"), ConsumerGroupConfiguration.builder().build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groupId");
            assertThatThrownBy(() -> simple.seek("t", 0, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
            assertThatThrownBy(() -> simple.seek("t", -1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> simple.pause("t", -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> simple.markProcessed("t", 0, 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("commitMarkedOnly");
            simple.consume("t", 0, 0);
            assertThatThrownBy(() -> simple.subscribe("g", List.of("t"), ConsumerGroupConfiguration.builder().build()))
                    .isInstanceOf(IllegalStateException.class);

            KafkaConsumer<byte[], byte[]> member = client.newConsumer();
            member.subscribe("g", List.of("t"), ConsumerGroupConfiguration.builder().build());
            assertThatThrownBy(() -> member.consume("t", 0, 0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> member.stopConsume("t")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> member.markProcessed("t", 0, 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("without commitMarkedOnly(true)");
            KafkaConsumer<byte[], byte[]> marking = client.newConsumer();
            marking.subscribe("g", List.of("t"), ConsumerGroupConfiguration.builder().commitMarkedOnly(true).build());
            marking.markProcessed("t", 0, 0);
            assertThatThrownBy(() -> marking.markProcessed("t", 0, -1)).isInstanceOf(IllegalArgumentException.class);
            marking.close(Duration.ofMillis(100));
            assertThatThrownBy(() -> member.subscribe("g", List.of("t"), ConsumerGroupConfiguration.builder()
                    .build())).isInstanceOf(IllegalStateException.class);
            member.close(Duration.ofMillis(100));
            assertThatThrownBy(() -> member.subscribe("h", List.of("t"), ConsumerGroupConfiguration.builder()
                    .build())).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    private static void produce(ClusterClient client, String topic, int count) {
        AtomicLong acknowledged = new AtomicLong();
        try (var registration = client.onAcknowledged(a -> acknowledged.addAndGet(a.recordCount()))) {
            for (int i = 0; i < count; i++) {
                client.produce(topic, null, Integer.toString(i).getBytes(), 0);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> acknowledged.get() == count);
        }
    }

    private static Configuration.Builder config(KafkaTestCluster kafka) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId("consumer-test-" + RUN)
                .fetchMaxWaitTimeMs(50).produceBufferingTime(Duration.ofMillis(2));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
