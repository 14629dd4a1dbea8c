package io.hpkafka.serialization;

import io.hpkafka.producer.ProducerTest;
import io.hpkafka.ClusterClient;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.producer.DiscardReason;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The untyped object produce: default and per-topic serializers, send-time serialization, pooled originals. */
@HpKafkaCluster
class SerializationTest {

    /** A pooled value: writes itself, counts its closes. */
    static final class PooledValue implements MemorySerializable, AutoCloseable {
        final int n;
        final int size;
        final AtomicInteger closes = new AtomicInteger();
        volatile int targetCapacity;

        PooledValue(int n, int size) {
            this.n = n;
            this.size = size;
        }

        @Override
        public int serializedSize() {
            return size;
        }

        @Override
        public void serialize(ByteBuffer target) {
            targetCapacity = target.capacity();
            target.putInt(n);
            target.position(target.position() + size - 4);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void objectsAreSerializedAtSendTimeAndClosedOnceTheirOutcomeIsKnown(KafkaTestCluster kafka) {
        String topic = "objects";
        kafka.createTopic(topic, 1, 1, Map.of("max.message.bytes", "2048"));
        List<PooledValue> values = new java.util.ArrayList<>();
        ProducerTest.Accounting accounting = new ProducerTest.Accounting();
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(ProducerTest.config(kafka).build())) {
            accounting.attach(client);
            for (int i = 0; i < 20; i++) {
                PooledValue v = new PooledValue(i, i == 7 ? 5000 : 64);
                values.add(v);
                client.produce(topic, "key-" + i, v, 0, List.of(), -1);
            }
            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> accounting.total() == 20 && received.size() == 19);
        }
        accounting.assertEveryRecordAccountedOnce(20);
        assertThat(values).allSatisfy(v -> assertThat(v.closes.get()).isEqualTo(1));
        // Each value wrote itself into the request's own buffer, not into an array of its size.
        assertThat(values.get(0).targetCapacity).isGreaterThan(values.get(0).size);
        assertThat(accounting.discarded).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.RECORD_TOO_LARGE);
            assertThat(d.originalValue()).isSameAs(values.get(7));
            assertThat(d.originalKey()).isEqualTo("key-7");
        });
        assertThat(received).extracting(r -> ByteBuffer.wrap(r.value()).getInt())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(new String(received.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("key-0");
    }

    @Test
    void perTopicSerializersApplyAndAThrowingOneDiscardsOnlyItsRecord(KafkaTestCluster kafka) {
        String topic = "per-topic";
        kafka.createTopic(topic, 1, 1);
        SerializationConfig serialization = SerializationConfig.builder()
                .topicSerializers(topic, (t, k) -> k == null ? null : ("K" + k).getBytes(StandardCharsets.UTF_8),
                        (t, v) -> {
                            int n = (Integer) v;
                            if (n == 3) {
                                throw new IllegalStateException("three cannot be serialized");
                            }
                            return ByteBuffer.allocate(4).putInt(0, n).array();
                        })
                .build();
        ProducerTest.Accounting accounting = new ProducerTest.Accounting();
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(ProducerTest.config(kafka).serializationConfig(serialization)
                .build())) {
            accounting.attach(client);
            for (int i = 0; i < 6; i++) {
                client.produce(topic, i, (Object) Integer.valueOf(i));
            }
            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> accounting.total() == 6 && received.size() == 5);
        }
        assertThat(accounting.discarded).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.SERIALIZATION_ERROR);
            assertThat(d.error()).contains("three cannot be serialized");
            assertThat(d.originalValue()).isEqualTo(3);
        });
        assertThat(received).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("K0", "K1", "K2", "K4", "K5");
    }

    @Test
    void serializingOnProduceFailsTheCallAndKeepsNoReference(KafkaTestCluster kafka) {
        SerializationConfig serialization = SerializationConfig.builder().serializeOnProduce(true).build();
        ProducerTest.Accounting accounting = new ProducerTest.Accounting();
        PooledValue value = new PooledValue(1, 8);
        try (ClusterClient client = new ClusterClient(ProducerTest.config(kafka).serializationConfig(serialization)
                .build())) {
            accounting.attach(client);
            assertThatThrownBy(() -> client.produce("on-produce", "k", new Object()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no serializer for");
            assertThat(client.produce("on-produce", "k", value)).isTrue();
            client.close(Duration.ofSeconds(30));
            assertThat(client.statistics().entered()).isEqualTo(1);
        }
        accounting.assertEveryRecordAccountedOnce(1);
        assertThat(value.closes.get()).isZero(); // serialized at once: the client kept no reference to close
    }
}
