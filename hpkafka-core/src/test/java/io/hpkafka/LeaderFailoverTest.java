package io.hpkafka;

import io.hpkafka.config.Configuration;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProduceExpired;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.HpKafkaClusterExtension;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partition leader stops and restarts while hpkafka produces 200,000 records (acks=all, replication factor 3,
 * ErrorStrategy.RETRY) and consumes them: nothing is lost, each offset is delivered once, every record accounted once.
 */
@HpKafkaCluster(brokers = 3)
class LeaderFailoverTest {

    private static final int RECORDS = 200_000;

    @Test
    void producingAndConsumingSurviveTheLeaderStopping(KafkaTestCluster kafka) throws Exception {
        HpKafkaClusterExtension.assumeBrokerControl(kafka);
        String topic = "failover";
        kafka.createTopic(topic, 1, 3, Map.of("min.insync.replicas", "2"));
        Configuration config = Configuration.builder().seeds(kafka.bootstrapServers()).clientId("failover-test")
                .produceBatchSize(1000).produceBufferingTime(Duration.ofMillis(5))
                .errorStrategy(ErrorStrategy.RETRY)
                .requestTimeoutMs(3000).clientRequestTimeoutMs(6000)
                .messageTtl(Duration.ofSeconds(60)).build();
        AtomicLong acknowledged = new AtomicLong();
        CopyOnWriteArrayList<ProduceDiscarded> discarded = new CopyOnWriteArrayList<>();
        CopyOnWriteArrayList<ProduceExpired> expired = new CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        int stopped = -1;
        try (ClusterClient client = new ClusterClient(config)) {
            client.onAcknowledged(a -> acknowledged.addAndGet(a.recordCount()));
            client.onDiscarded(discarded::add);
            client.onExpired(expired::add);
            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            for (int i = 0; i < RECORDS; i++) {
                if (i == RECORDS / 4) {
                    // The leader stops mid-stream, while the consumer is reading from it ...
                    await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= RECORDS / 8);
                    stopped = leaderOf(kafka, topic);
                    kafka.stopBroker(stopped);
                } else if (i == RECORDS / 2) {
                    // ... and comes back while records keep coming.
                    kafka.startBroker(stopped);
                    stopped = -1;
                }
                client.produce(topic, null, value(i));
            }
            await().atMost(90, TimeUnit.SECONDS).until(() ->
                    acknowledged.get() + discarded.size() + expired.size() == RECORDS);
            long acked = acknowledged.get();
            await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= acked);
            Thread.sleep(500); // a record delivered twice would show up now
        } finally {
            if (stopped >= 0) {
                kafka.startBroker(stopped);
            }
        }
        assertThat(discarded).isEmpty();
        assertThat(expired).isEmpty();
        // With ErrorStrategy.RETRY a batch whose acknowledgement was lost is written again: a value may be in the
        // log twice, but each offset is delivered exactly once, in order, and every value is there.
        List<KafkaRecord> list = List.copyOf(received);
        for (int i = 0; i < list.size(); i++) {
            assertThat(list.get(i).offset()).isEqualTo(i);
        }
        boolean[] seen = new boolean[RECORDS];
        list.forEach(r -> seen[ByteBuffer.wrap(r.value()).getInt()] = true);
        for (int i = 0; i < RECORDS; i++) {
            assertThat(seen[i]).as("value %d", i).isTrue();
        }
    }

    private static int leaderOf(KafkaTestCluster kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0)
                    .leader().id();
        }
    }

    private static byte[] value(int i) {
        return ByteBuffer.allocate(100).putInt(0, i).array();
    }
}
