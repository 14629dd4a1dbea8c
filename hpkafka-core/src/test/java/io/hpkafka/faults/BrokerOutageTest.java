package io.hpkafka.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.config.RequiredAcks;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.proxy.FaultProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker unreachable for 60 s (its proxy accepts each connection and closes it at once, as a host whose broker
 * is down does; the open ones are cut) while a producer and a consumer keep working: reconnect attempts back off
 * (50 ms doubling to 5 s, each ±20 % jitter: BrokerConnection), the client is back within one maximum interval of
 * the broker's return, every record is accounted for and consumed once, and the JVM has no more threads nor heap
 * afterwards than before, give or take.
 */
class BrokerOutageTest {

    private static final long OUTAGE_MS = 60_000;
    /** BrokerConnection's MAX_BACKOFF_MS with its largest jitter (×1.2). */
    private static final long MAX_INTERVAL_MS = 6_000;

    @Test
    void reconnectAttemptsBackOffDuringAMinuteOutageAndTheClientIsBackWithinOneMaximumInterval() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().faultProxies().build().start()) {
            FaultProxy proxy = kafka.faultProxy(kafka.brokerIds().get(0));
            String topic = "outage";
            kafka.createTopic(topic, 1, 1);
            ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
            try (ClusterClient producerClient = new ClusterClient(config(proxy, "outage-producer").build());
                    ClusterClient consumer = new ClusterClient(config(proxy, "outage-consumer").build())) {
                consumer.onMessageReceived(received::add);
                consumer.consumeFromEarliest(topic, 0);
                SteadyProducer producer = new SteadyProducer(producerClient, topic, 10, 100);
                await().atMost(30, TimeUnit.SECONDS).until(() -> producer.acknowledged.get() > 100
                        && received.size() > 100);
                Thread.sleep(2_000);
                JvmFootprint before = JvmFootprint.measure();
                java.util.List<String> clientThreadsBefore = JvmFootprint.clientThreads();
                int connections = proxy.openConnections();

                proxy.refuseConnections(true);
                proxy.cutConnections();
                List<Long> attemptsMs = attemptsDuring(proxy, OUTAGE_MS);
                proxy.refuseConnections(false);
                long back = System.nanoTime();
                await().atMost(30, TimeUnit.SECONDS).until(() -> producer.lastAcknowledgedNanos() > back);
                long reconnectMs = TimeUnit.NANOSECONDS.toMillis(producer.lastAcknowledgedNanos() - back);

                producer.stop();
                producer.awaitSettled(Duration.ofSeconds(60));
                producer.assertAccounted();
                long end = consumer.latestOffset(topic, 0).get(30, TimeUnit.SECONDS);
                await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= end);
                List<KafkaRecord> list = List.copyOf(received);
                assertThat(list).hasSize((int) end);
                for (int i = 0; i < list.size(); i++) {
                    assertThat(list.get(i).offset()).as("offset at %d", i).isEqualTo(i);
                }
                JvmFootprint after = JvmFootprint.measure();
                java.util.List<String> clientThreadsAfter = JvmFootprint.clientThreads();

                long early = attemptsMs.stream().filter(t -> t < 10_000).count();
                long late = attemptsMs.stream().filter(t -> t >= OUTAGE_MS - 10_000).count();
                long lastHalf = attemptsMs.stream().filter(t -> t >= OUTAGE_MS / 2).count();
                List<Long> lateIntervals = intervals(attemptsMs.stream().filter(t -> t >= OUTAGE_MS / 2).toList());
                System.out.printf("OUTAGE-FIGURES %d connections before; %d attempts in %d s (%d in the first 10 s, "
                                + "%d in the last 10 s, %d in the last 30 s, intervals there %s ms); back %d ms after "
                                + "the broker; %s; before %s, client threads %s; after %s, client threads %s%n",
                        connections, attemptsMs.size(), OUTAGE_MS / 1000, early, late, lastHalf, lateIntervals,
                        reconnectMs, producer, before, clientThreadsBefore, after, clientThreadsAfter);

                // Not a storm: each connection tries about 18 times in a minute (7 doublings, then every ~5 s).
                assertThat((long) attemptsMs.size()).as("attempts").isLessThanOrEqualTo(connections * 25L);
                assertThat((long) attemptsMs.size()).as("attempts").isGreaterThanOrEqualTo(connections * 5L);
                // Intervals grow: dense at first, no faster than the maximum back-off (4-6 s) at the end.
                assertThat(early).isGreaterThan(late);
                assertThat(lastHalf).isLessThanOrEqualTo(connections * (OUTAGE_MS / 2 / 4_000 + 1));
                assertThat(reconnectMs).as("back after the broker returned, ms").isLessThanOrEqualTo(
                        MAX_INTERVAL_MS + 2_000);
                JvmFootprint.assertStable(before, clientThreadsBefore, after, clientThreadsAfter);
            }
        }
    }

    /** @return when each connection was accepted, in ms since the start of the window */
    private static List<Long> attemptsDuring(FaultProxy proxy, long windowMs) throws InterruptedException {
        List<Long> attempts = new ArrayList<>();
        long start = System.nanoTime();
        long seen = proxy.acceptedConnections();
        AtomicLong elapsed = new AtomicLong();
        while (elapsed.get() < windowMs) {
            Thread.sleep(10);
            elapsed.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            long now = proxy.acceptedConnections();
            for (; seen < now; seen++) {
                attempts.add(elapsed.get());
            }
        }
        return attempts;
    }

    private static List<Long> intervals(List<Long> times) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            out.add(times.get(i) - times.get(i - 1));
        }
        return out;
    }

    private static Configuration.Builder config(FaultProxy proxy, String clientId) {
        return Configuration.builder().seeds(proxy.address()).clientId(clientId)
                .errorStrategy(ErrorStrategy.RETRY).requiredAcks(RequiredAcks.ALL_IN_SYNC_REPLICAS)
                .produceBatchSize(100).produceBufferingTime(Duration.ofMillis(5))
                .consumeBufferingTime(Duration.ofMillis(5)).fetchMaxWaitTimeMs(100)
                .requestTimeoutMs(3_000).clientRequestTimeoutMs(5_000).messageTtl(Duration.ofSeconds(120));
    }
}
