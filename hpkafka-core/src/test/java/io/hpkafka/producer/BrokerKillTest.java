package io.hpkafka.producer;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.config.RequiredAcks;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.KafkaBrokerProcess;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker process is killed (SIGKILL) while records are in flight, under ErrorStrategy.DISCARD: requests that were
 * sent and never answered are reported discarded (NETWORK_ERROR), everything else is acknowledged once the broker is
 * back, and what the log holds afterwards is exactly the acknowledged records plus, possibly, some of those discarded
 * for a network error (their fate was unknown: the broker may have appended them before it died).
 */
class BrokerKillTest {

    private static final int RECORDS = 60_000;

    @Test
    void underTheDiscardStrategyWhatIsNotAcknowledgedIsReportedDiscarded() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.startNew("auto.create.topics.enable=true")) {
            String topic = "killed";
            ProducerTest.Accounting accounting = new ProducerTest.Accounting();
            Configuration config = Configuration.builder().seeds(broker.bootstrapServers()).clientId("kill-test")
                    .errorStrategy(ErrorStrategy.DISCARD).requiredAcks(RequiredAcks.LEADER)
                    .produceBatchSize(200).produceBufferingTime(Duration.ofMillis(1))
                    .requestTimeoutMs(3_000).clientRequestTimeoutMs(6_000).messageTtl(Duration.ofSeconds(90)).build();
            try (ClusterClient client = new ClusterClient(config)) {
                accounting.attach(client);
                for (int i = 0; i < RECORDS; i++) {
                    if (i == RECORDS / 3) {
                        broker.kill(); // mid-stream: requests are in flight on the connection
                    } else if (i == 2 * RECORDS / 3) {
                        broker.start();
                    }
                    client.produce(topic, null, ByteBuffer.allocate(16).putInt(0, i).array(), 0);
                    if (i % 100 == 0) {
                        Thread.sleep(1); // keep a steady stream of requests around the kill
                    }
                }
                await().atMost(120, TimeUnit.SECONDS).until(() -> accounting.total() == RECORDS);
            }
            accounting.assertEveryRecordAccountedOnce(RECORDS);
            Set<Integer> acknowledged = new HashSet<>();
            Set<Integer> discarded = new HashSet<>();
            accounting.discarded.forEach(d -> {
                assertThat(d.reason()).isEqualTo(DiscardReason.NETWORK_ERROR);
                discarded.add(ByteBuffer.wrap(d.record().value()).getInt());
            });
            assertThat(accounting.expired).isEmpty();
            assertThat(discarded).as("records in flight when the broker died").isNotEmpty();

            ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
            long acked = accounting.acknowledged.get();
            try (ClusterClient reader = new ClusterClient(Configuration.builder().seeds(broker.bootstrapServers())
                    .clientId("kill-test-reader").build())) {
                reader.onMessageReceived(received::add);
                reader.consumeFromEarliest(topic, 0);
                long end = reader.latestOffset(topic, 0).get(30, TimeUnit.SECONDS);
                await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= end);
            }
            Set<Integer> delivered = new HashSet<>();
            received.forEach(r -> delivered.add(ByteBuffer.wrap(r.value()).getInt()));
            for (int i = 0; i < RECORDS; i++) {
                if (!discarded.contains(i)) {
                    acknowledged.add(i);
                }
            }
            System.out.printf("broker kill: %d acknowledged, %d discarded (network error), %d delivered%n", acked,
                    discarded.size(), delivered.size());
            assertThat(delivered).containsAll(acknowledged); // nothing acknowledged is lost
            Set<Integer> extra = new HashSet<>(delivered);
            extra.removeAll(acknowledged);
            assertThat(discarded).containsAll(extra); // anything else delivered was reported discarded
        }
    }
}
