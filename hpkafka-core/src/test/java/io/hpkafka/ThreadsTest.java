package io.hpkafka;

import io.hpkafka.producer.ProducerTest;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client under load uses its socket thread, its timer and at most maximumConcurrency pool threads. */
@HpKafkaCluster
class ThreadsTest {

    @Test
    void theDriversThreadCountStaysBoundedUnderLoad(KafkaTestCluster kafka) {
        String topic = "threads";
        kafka.createTopic(topic, 6, 1);
        long before = hpkafkaThreads();
        AtomicLong received = new AtomicLong();
        long maxThreads;
        try (ClusterClient client = new ClusterClient(ProducerTest.config(kafka).maximumConcurrency(2)
                .produceBatchSize(500).produceBufferingTime(Duration.ofMillis(2)).build())) {
            client.onMessageReceived(r -> received.incrementAndGet());
            for (int p = 0; p < 6; p++) {
                client.consumeFromEarliest(topic, p);
            }
            maxThreads = hpkafkaThreads();
            for (int i = 0; i < 200_000; i++) {
                client.produce(topic, null, new byte[100]);
                if (i % 10_000 == 0) {
                    maxThreads = Math.max(maxThreads, hpkafkaThreads());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.get() < 200_000 && System.nanoTime() < deadline) {
                maxThreads = Math.max(maxThreads, hpkafkaThreads());
                Thread.onSpinWait();
            }
            await().atMost(5, TimeUnit.SECONDS).until(() -> received.get() >= 200_000);
        }
        // Socket thread + timer + pool threads. At most maximumConcurrency (2) run driver work at once, and at most as
        // many deliver records; a pool thread still on its way back to the shared pool when new work arrives can make
        // the pool start another, so allow twice that. Idle pool threads of earlier clients in this JVM are reused,
        // never added on top.
        System.out.printf("threads: %d hpkafka threads before, at most %d during load%n", before, maxThreads);
        assertThat(maxThreads - before).isLessThanOrEqualTo(2 + 2 * (2 + 2));
    }

    /** @return live threads of hpkafka clients (the embedded brokers' excluded) */
    static long hpkafkaThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("hpkafka-") && !t.getName().startsWith("hpkafka-embedded"))
                .count();
    }
}
