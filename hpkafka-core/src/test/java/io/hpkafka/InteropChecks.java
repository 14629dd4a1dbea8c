package io.hpkafka;

import io.hpkafka.record.Header;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TimestampType;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The interop tests' shared halves: reading a partition with kafka-clients, and comparing records field by field. */
final class InteropChecks {

    private InteropChecks() {
    }

    /** Reads partition 0 of {@code topic} from the beginning with kafka-clients, up to {@code count} records. */
    static List<ConsumerRecord<byte[], byte[]>> readWithJavaClient(KafkaTestCluster kafka, String topic, int count,
                                                                   Map<String, Object> extraConfig) {
        Map<String, Object> props = new HashMap<>(extraConfig);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 30_000;
            while (read.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }

    /** kafka-clients read exactly what was sent, from offset 0: keys, values, timestamps, headers. */
    static void assertJavaClientReadExactly(List<ConsumerRecord<byte[], byte[]>> read, List<ProducerRecord> sent) {
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

    /** hpkafka read exactly what was sent, from offset 0: keys, values, timestamps, headers. */
    static void assertHpkafkaReadExactly(List<KafkaRecord> read, List<ProducerRecord> sent) {
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
}
