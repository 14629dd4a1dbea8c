package io.hpkafka;

import io.hpkafka.config.Configuration;
import io.hpkafka.record.Header;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The official Java client reads exactly what hpkafka writes, and hpkafka reads exactly what it writes. */
@HpKafkaCluster
class KafkaClientsInteropTest {

    private static final long BASE_TIME = 1_700_000_000_000L;

    /** The records both directions exchange: null and empty keys, tombstones, null/empty/repeated headers. */
    private static List<ProducerRecord> samples(String topic) {
        List<ProducerRecord> list = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] key = switch (i % 5) {
                case 0 -> null;
                case 1 -> new byte[0];
                default -> ("k" + i).getBytes(StandardCharsets.UTF_8);
            };
            byte[] value = i % 7 == 3 ? null : ("v" + i + "-é€").getBytes(StandardCharsets.UTF_8);
            List<Header> headers = switch (i % 4) {
                case 0 -> List.of();
                case 1 -> List.of(new Header("trace", bytes("t" + i)));
                case 2 -> List.of(new Header("nullValue", null), new Header("empty", new byte[0]));
                default -> List.of(new Header("dup", bytes("a")), new Header("dup", bytes("b")),
                        new Header("ünïcode", bytes("x")));
            };
            list.add(new ProducerRecord(topic, 0, key, value, headers, BASE_TIME + i * 1000L));
        }
        return list;
    }

    @Test
    void kafkaClientsReadsExactlyWhatHpkafkaWrote(KafkaTestCluster kafka) {
        String topic = "interop-hpkafka-to-java";
        kafka.createTopic(topic, 1, 1);
        List<ProducerRecord> sent = samples(topic);
        AtomicLong acked = new AtomicLong();
        try (ClusterClient client = new ClusterClient(config(kafka))) {
            client.onAcknowledged(a -> acked.addAndGet(a.recordCount()));
            sent.forEach(client::produce);
            client.close(Duration.ofSeconds(30));
        }
        assertThat(acked.get()).isEqualTo(sent.size());

        InteropChecks.assertJavaClientReadExactly(
                InteropChecks.readWithJavaClient(kafka, topic, sent.size(), Map.of()), sent);
    }

    @Test
    void hpkafkaReadsExactlyWhatKafkaClientsWrote(KafkaTestCluster kafka) throws Exception {
        String topic = "interop-java-to-hpkafka";
        kafka.createTopic(topic, 1, 1);
        List<ProducerRecord> sent = samples(topic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20))) {
            for (ProducerRecord s : sent) {
                List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
                s.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, s.timestamp(),
                        s.key(), s.value(), headers));
            }
            producer.flush();
        }

        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        try (ClusterClient client = new ClusterClient(config(kafka))) {
            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= sent.size());
            assertThat(client.latestOffset(topic, 0).get(10, TimeUnit.SECONDS)).isEqualTo(sent.size());
            assertThat(client.earliestOffset(topic, 0).get(10, TimeUnit.SECONDS)).isZero();
        }
        InteropChecks.assertHpkafkaReadExactly(new ArrayList<>(received), sent);
    }


    private static Configuration config(KafkaTestCluster kafka) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId("interop-test")
                .produceBufferingTime(Duration.ofMillis(10)).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
