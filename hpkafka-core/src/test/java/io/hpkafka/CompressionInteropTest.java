package io.hpkafka;

import io.hpkafka.config.Configuration;
import io.hpkafka.record.Header;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Compressed batches through a real broker, every codec, both directions: the official Java client reads exactly
 * what hpkafka wrote, and hpkafka reads exactly what the Java client wrote. The broker decompresses every produced
 * batch to validate it, so it checks our framing too.
 */
@HpKafkaCluster
class CompressionInteropTest {

    private static final long BASE_TIME = 1_700_000_000_000L;

    /**
     * About 140 KB of records sent at once, so each direction carries a batch over 100 KB (several snappy chunks,
     * several lz4 blocks): null and empty keys, tombstones, null / empty values of headers, empty and repeated header
     * keys, and 6 KB values.
     */
    private static List<ProducerRecord> samples(String topic) {
        Random random = new Random(42);
        List<ProducerRecord> list = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            byte[] key = switch (i % 5) {
                case 0 -> null;
                case 1 -> new byte[0];
                default -> bytes("k" + i);
            };
            byte[] value;
            if (i % 7 == 3) {
                value = null;
            } else if (i % 4 == 0) {
                value = new byte[6_000];
                for (int b = 0; b < value.length; b++) {
                    value[b] = (byte) ('a' + random.nextInt(8));
                }
            } else {
                value = bytes("v" + i + "-é€");
            }
            List<Header> headers = switch (i % 4) {
                case 0 -> List.of();
                case 1 -> List.of(new Header("trace", bytes("t" + i)));
                case 2 -> List.of(new Header("nullValue", null), new Header("", new byte[0]));
                default -> List.of(new Header("dup", bytes("a")), new Header("dup", bytes("b")),
                        new Header("dup", null));
            };
            list.add(new ProducerRecord(topic, 0, key, value, headers, BASE_TIME + i * 1000L));
        }
        return list;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void kafkaClientsReadsExactlyWhatHpkafkaWroteCompressed(CompressionCodec codec, KafkaTestCluster kafka) {
        String topic = "compression-hpkafka-to-java-" + codec.name().toLowerCase(Locale.ROOT);
        kafka.createTopic(topic, 1, 1);
        List<ProducerRecord> sent = samples(topic);
        AtomicLong acked = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        Configuration config = Configuration.builder().seeds(kafka.bootstrapServers()).clientId("compression-test")
                .compressionCodec(codec).produceBufferingTime(Duration.ofMillis(200)).produceBatchSize(10_000)
                .build();
        try (ClusterClient client = new ClusterClient(config)) {
            client.onAcknowledged(a -> {
                acked.addAndGet(a.recordCount());
                requests.incrementAndGet();
            });
            sent.forEach(client::produce);
            // Wait for the linger to send them: closing early would flush records one by one as they are routed.
            await().atMost(30, TimeUnit.SECONDS).until(() -> acked.get() >= sent.size());
            client.close(Duration.ofSeconds(30));
        }
        assertThat(acked.get()).isEqualTo(sent.size());
        assertThat(requests.get()).as("all records in one batch").isEqualTo(1);

        InteropChecks.assertJavaClientReadExactly(
                InteropChecks.readWithJavaClient(kafka, topic, sent.size(),
                        Map.of(ConsumerConfig.CHECK_CRCS_CONFIG, true)), sent);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void hpkafkaReadsExactlyWhatKafkaClientsWroteCompressed(CompressionCodec codec, KafkaTestCluster kafka)
            throws Exception {
        String topic = "compression-java-to-hpkafka-" + codec.name().toLowerCase(Locale.ROOT);
        kafka.createTopic(topic, 1, 1);
        List<ProducerRecord> sent = samples(topic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec.name().toLowerCase(Locale.ROOT),
                ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 200))) {
            for (ProducerRecord s : sent) {
                List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
                s.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, s.timestamp(),
                        s.key(), s.value(), headers));
            }
            producer.flush();
            assertThat(producer.metrics().entrySet()).as("all records in one batch").anySatisfy(m -> {
                assertThat(m.getKey().name()).isEqualTo("records-per-request-avg");
                assertThat(m.getValue().metricValue()).isEqualTo((double) sent.size());
            });
        }

        ConcurrentLinkedQueue<KafkaRecord> received = new ConcurrentLinkedQueue<>();
        Configuration config = Configuration.builder().seeds(kafka.bootstrapServers()).clientId("compression-test")
                .build();
        try (ClusterClient client = new ClusterClient(config)) {
            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= sent.size());
            assertThat(client.latestOffset(topic, 0).get(10, TimeUnit.SECONDS)).isEqualTo(sent.size());
        }
        InteropChecks.assertHpkafkaReadExactly(new ArrayList<>(received), sent);
    }


    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
