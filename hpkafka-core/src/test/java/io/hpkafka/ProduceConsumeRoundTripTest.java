package io.hpkafka;

import io.hpkafka.config.Configuration;
import io.hpkafka.config.RequiredAcks;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProduceExpired;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real broker round trip: what hpkafka produces, hpkafka consumes back, exactly. */
@HpKafkaCluster
class ProduceConsumeRoundTripTest {

    private static final int RECORDS = 10_000;

    @Test
    void tenThousandKeyedRecordsComeBackExactlyOnceWithContiguousOffsets(KafkaTestCluster kafka) throws Exception {
        String topic = "round-trip";
        kafka.createTopic(topic, 3, 1);
        Configuration config = Configuration.builder()
                .seeds(kafka.bootstrapServers())
                .clientId("round-trip-test")
                .requiredAcks(RequiredAcks.ALL_IN_SYNC_REPLICAS)
                .produceBatchSize(500)
                .produceBufferingTime(Duration.ofMillis(5))
                .build();
        AtomicLong acknowledged = new AtomicLong();
        List<ProduceDiscarded> discarded = new ArrayList<>();
        List<ProduceExpired> expired = new ArrayList<>();
        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        try (ClusterClient client = new ClusterClient(config)) {
            client.onAcknowledged(a -> acknowledged.addAndGet(a.recordCount()));
            client.onDiscarded(discarded::add);
            client.onExpired(expired::add);
            client.onMessageReceived(received::add);
            for (int i = 0; i < RECORDS; i++) {
                assertThat(client.produce(topic, key(i), value(i))).isTrue();
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> acknowledged.get() + discarded.size() + expired.size()
                    == RECORDS);
            assertThat(discarded).isEmpty();
            assertThat(expired).isEmpty();

            for (int p : client.partitionsFor(topic).get(30, TimeUnit.SECONDS)) {
                client.consumeFromEarliest(topic, p);
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= RECORDS);
            Thread.sleep(300); // let a duplicate, if any, arrive before counting
            assertThat(client.statistics().acknowledged()).isEqualTo(RECORDS);
        }

        assertThat(received).hasSize(RECORDS);
        Map<Integer, List<Long>> offsetsByPartition = new HashMap<>();
        boolean[] seen = new boolean[RECORDS];
        for (KafkaRecord r : received) {
            int i = Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8).substring(4));
            assertThat(seen[i]).as("record %d seen twice", i).isFalse();
            seen[i] = true;
            assertThat(r.value()).isEqualTo(value(i));
            assertThat(r.topic()).isEqualTo(topic);
            offsetsByPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.offset());
        }
        assertThat(offsetsByPartition).hasSize(3);
        offsetsByPartition.forEach((partition, offsets) -> {
            for (int i = 0; i < offsets.size(); i++) {
                assertThat(offsets.get(i)).as("offset %d of partition %d", i, partition).isEqualTo(i);
            }
        });
    }

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        byte[] v = new byte[16 + i % 200];
        Arrays.fill(v, (byte) i);
        byte[] prefix = ("value-" + i + ":").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, v, 0, Math.min(prefix.length, v.length));
        return v;
    }
}
