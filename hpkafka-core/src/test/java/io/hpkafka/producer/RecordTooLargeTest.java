package io.hpkafka.producer;

import io.hpkafka.ClusterClient;
import io.hpkafka.internal.protocol.record.RecordSizes;
import io.hpkafka.producer.ProducerTest.Accounting;
import io.hpkafka.serialization.MemorySerializable;
import io.hpkafka.stats.ClientHooks;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hpkafka.producer.ProducerTest.config;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code maxRequestSizeBytes} against a real broker: a record larger than it is refused at produce, before its bytes
 * reach a request (a request past the broker's {@code socket.request.max.bytes} would close the connection and
 * fail every other request on it), and the records around it are acknowledged.
 */
@HpKafkaCluster
class RecordTooLargeTest {

    private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    @Test
    void aTwoHundredMegabyteValueIsRefusedAtProduceAndEveryRecordAroundItIsAcknowledged(KafkaTestCluster kafka)
            throws Exception {
        String topic = "huge-value";
        kafka.createTopic(topic, 1, 1);
        Accounting accounting = new Accounting();
        LargestBatch largest = new LargestBatch();
        byte[] huge = new byte[200 * 1024 * 1024]; // more than the broker's socket.request.max.bytes (100 MiB)
        try (ClusterClient client = new ClusterClient(config(kafka).addHooks(largest).build())) {
            accounting.attach(client);
            for (int i = 0; i < 50; i++) {
                assertThat(client.produce(topic, null, new byte[1000], 0)).isTrue();
            }
            assertThat(client.produce(topic, null, huge, 0)).isFalse();
            for (int i = 0; i < 50; i++) {
                assertThat(client.produce(topic, null, new byte[1000], 0)).isTrue();
            }
            client.close(Duration.ofSeconds(30));
            assertThat(client.statistics().bytesSent()).isLessThan(DEFAULT_MAX_REQUEST_SIZE);
        }
        accounting.assertEveryRecordAccountedOnce(101);
        assertThat(accounting.acknowledged.get()).isEqualTo(100);
        assertThat(accounting.discarded).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.RECORD_TOO_LARGE); // not NETWORK_ERROR: nothing was cut
            assertThat(d.record().value()).isSameAs(huge);
            assertThat(d.error()).contains("value " + huge.length + " bytes",
                    "maxRequestSizeBytes=" + DEFAULT_MAX_REQUEST_SIZE);
        });
        assertThat(largest.bytes.get()).isPositive().isLessThanOrEqualTo(DEFAULT_MAX_REQUEST_SIZE);
        try (ClusterClient reader = new ClusterClient(config(kafka).build())) {
            assertThat(reader.latestOffset(topic, 0).get(30, TimeUnit.SECONDS)).isEqualTo(100);
        }
    }

    @Test
    void theFutureOfASendTooLargeFailsNamingTheSizes(KafkaTestCluster kafka) throws Exception {
        String topic = "too-large-send";
        kafka.createTopic(topic, 1, 1);
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            var tooLarge = client.send(new ProducerRecord(topic, 0, new byte[3], new byte[2_000_000], List.of(),
                    ProducerRecord.NO_TIMESTAMP));
            var small = client.send(new ProducerRecord(topic, 0, null, new byte[10], List.of(),
                    ProducerRecord.NO_TIMESTAMP));
            assertThat(tooLarge).isCompletedExceptionally(); // refused in send itself, not after a round trip
            assertThat(tooLarge).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(ProduceFailedException.class)
                    .satisfies(e -> assertThat(((ProduceFailedException) e).reason())
                            .isEqualTo(DiscardReason.RECORD_TOO_LARGE))
                    .withMessageContaining("up to 2000091 bytes in a request (key 3 bytes, value 2000000 bytes")
                    .withMessageContaining("more than maxRequestSizeBytes=1048576 bytes");
            assertThat(small.get(30, TimeUnit.SECONDS).offset()).isZero();
        }
    }

    @Test
    void aMemorySerializableClaimingNearlyTwoGibibytesIsRefusedWithoutBeingAllocated(KafkaTestCluster kafka)
            throws Exception {
        String topic = "claimed-size";
        kafka.createTopic(topic, 1, 1);
        Accounting accounting = new Accounting();
        AtomicInteger writes = new AtomicInteger();
        MemorySerializable claiming = new MemorySerializable() {
            @Override
            public int serializedSize() {
                return Integer.MAX_VALUE - 10;
            }

            @Override
            public void serialize(ByteBuffer target) {
                writes.incrementAndGet();
            }
        };
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            accounting.attach(client);
            assertThat(client.produce(topic, (Object) "before", (Object) "small")).isTrue();
            assertThat(client.produce(topic, (Object) "key", claiming)).isFalse();
            assertThat(client.produce(topic, (Object) "after", (Object) "small")).isTrue();
            client.close(Duration.ofSeconds(30));
        }
        accounting.assertEveryRecordAccountedOnce(3);
        assertThat(accounting.acknowledged.get()).isEqualTo(2);
        assertThat(accounting.discarded).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.RECORD_TOO_LARGE);
            assertThat(d.originalValue()).isSameAs(claiming);
            assertThat(d.error()).contains("value " + (Integer.MAX_VALUE - 10) + " bytes");
        });
        assertThat(writes).hasValue(0);
    }

    @Test
    void aRecordJustWithinARaisedLimitIsAcknowledgedAndOneByteMoreIsRefused(KafkaTestCluster kafka)
            throws Exception {
        String topic = "just-within";
        int limit = 3 * 1024 * 1024;
        kafka.createTopic(topic, 1, 1, Map.of("max.message.bytes", String.valueOf(limit)));
        // The bound of a record with no key and no headers: batch header, record overhead, null key (1 byte),
        // value length varint (4 bytes at this size), header count (1 byte).
        int valueSize = limit - RecordSizes.BATCH_OVERHEAD - RecordSizes.MAX_RECORD_OVERHEAD - 1 - 4 - 1;
        assertThat(RecordSizes.batchUpperBound(RecordSizes.recordUpperBound(-1, valueSize, List.of())))
                .isEqualTo(limit);
        try (ClusterClient client = new ClusterClient(config(kafka).maxRequestSizeBytes(limit).build())) {
            var within = client.send(new ProducerRecord(topic, 0, null, new byte[valueSize], List.of(),
                    ProducerRecord.NO_TIMESTAMP));
            var over = client.send(new ProducerRecord(topic, 0, null, new byte[valueSize + 1], List.of(),
                    ProducerRecord.NO_TIMESTAMP));
            assertThat(within.get(30, TimeUnit.SECONDS).offset()).isZero();
            assertThat(over).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(ProduceFailedException.class)
                    .withMessageContaining("maxRequestSizeBytes=" + limit);
            assertThat(client.latestOffset(topic, 0).get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    /** Remembers the largest record batch written into a request, in bytes. */
    private static final class LargestBatch implements ClientHooks {
        final AtomicInteger bytes = new AtomicInteger();

        @Override
        public void onBatchWritten(String topic, int partition, int records, int bytes) {
            this.bytes.accumulateAndGet(bytes, Math::max);
        }
    }
}
