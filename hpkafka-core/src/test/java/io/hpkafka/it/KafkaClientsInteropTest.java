package io.hpkafka.it;

import io.hpkafka.ClusterClient;
import io.hpkafka.Configuration;
import io.hpkafka.Header;
import io.hpkafka.consumer.KafkaRecord;
import io.hpkafka.consumer.TimestampType;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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

        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 30_000;
            while (read.size() < sent.size() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        assertThat(read).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            ProducerRecord s = sent.get(i);
            ConsumerRecord<byte[], byte[]> r = read.get(i);
            assertThat(r.offset()).isEqualTo(i);
            assertThat(r.key()).isEqualTo(s.key());
            assertThat(r.value()).isEqualTo(s.value());
            assertThat(r.timestamp()).isEqualTo(s.timestamp());
            assertThat(r.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.CREATE_TIME);
            List<Header> headers = new ArrayList<>();
            r.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
            assertHeadersEqual(headers, s.headers());
        }
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
        List<KafkaRecord> read = new ArrayList<>(received);
        assertThat(read).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            ProducerRecord s = sent.get(i);
            KafkaRecord r = read.get(i);
            assertThat(r.offset()).isEqualTo(i);
            assertThat(r.key()).isEqualTo(s.key());
            assertThat(r.value()).isEqualTo(s.value());
            assertThat(r.timestamp()).isEqualTo(s.timestamp());
            assertThat(r.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertHeadersEqual(r.headers(), s.headers());
        }
    }

    private static void assertHeadersEqual(List<Header> actual, List<Header> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int h = 0; h < expected.size(); h++) {
            assertThat(actual.get(h).key()).isEqualTo(expected.get(h).key());
            assertThat(actual.get(h).value()).isEqualTo(expected.get(h).value());
        }
    }

    private static Configuration config(KafkaTestCluster kafka) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId("interop-test")
                .produceBufferingTime(Duration.ofMillis(10)).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
