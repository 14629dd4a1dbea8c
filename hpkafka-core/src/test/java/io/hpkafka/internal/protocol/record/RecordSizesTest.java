package io.hpkafka.internal.protocol.record;

import io.hpkafka.config.CompressionCodec;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.record.Header;
import io.hpkafka.serialization.MemorySerializable;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The size bound the producer compares with maxRequestSizeBytes, against kafka-clients' and the encoded bytes. */
class RecordSizesTest {

    private static final List<Header> HEADERS = List.of(new Header("trace", new byte[] {1, 2, 3}),
            new Header("clé-ü", null), new Header("", new byte[0]));

    @Test
    void theBoundIsTheOneKafkaClientsComparesWithMaxRequestSize() {
        byte[][] keys = {null, new byte[0], new byte[5], new byte[200]};
        byte[][] values = {null, new byte[0], new byte[63], new byte[64], new byte[100_000]};
        for (byte[] key : keys) {
            for (byte[] value : values) {
                for (List<Header> headers : List.of(List.<Header>of(), HEADERS)) {
                    int theirs = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                            CompressionType.NONE, key, value, kafkaHeaders(headers));
                    long ours = RecordSizes.batchUpperBound(RecordSizes.recordUpperBound(
                            key == null ? -1 : key.length, value == null ? -1 : value.length, headers));
                    assertThat(ours).as("key %s, value %s, %s headers", key == null ? null : key.length,
                            value == null ? null : value.length, headers.size()).isEqualTo(theirs);
                }
            }
        }
    }

    @Test
    void theBoundIsNeverBelowWhatTheWriterEncodes() {
        RecordBatchWriter writer = new RecordBatchWriter();
        ProtocolWriter out = new ProtocolWriter(64);
        long base = 1_700_000_000_000L;
        // The worst deltas: a timestamp far from the batch's first, a large offset delta.
        writer.begin(out, CompressionCodec.NONE, base);
        long bounds = RecordSizes.BATCH_OVERHEAD;
        for (int i = 0; i < 300; i++) {
            byte[] key = i % 3 == 0 ? null : new byte[i];
            byte[] value = new byte[i * 7];
            long timestamp = i % 2 == 0 ? base : Long.MAX_VALUE / 2;
            writer.append(timestamp, key, value, HEADERS);
            bounds += RecordSizes.recordUpperBound(key == null ? -1 : key.length, value.length, HEADERS);
        }
        writer.end();
        assertThat((long) out.position()).isLessThanOrEqualTo(bounds);
    }

    @Test
    void sizesNearTwoGibibytesAddUpWithoutWrapping() {
        long bound = RecordSizes.recordUpperBound(Integer.MAX_VALUE, Integer.MAX_VALUE - 10, List.of());
        assertThat(bound).isEqualTo(21 + 5 + (long) Integer.MAX_VALUE + 5 + (Integer.MAX_VALUE - 10L) + 1);
        assertThat(RecordSizes.batchUpperBound(bound)).isGreaterThan(Integer.MAX_VALUE);
    }

    @Test
    void aSizeBelowMinusOneIsRefusedNamingWhatHasIt() {
        assertThatThrownBy(() -> RecordSizes.recordUpperBound(-1, -7, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("value size -7 is negative");
    }

    @Test
    void theWriterRefusesAValueClaimingNearlyTwoGibibytesBeforeAllocatingIt() {
        RecordBatchWriter writer = new RecordBatchWriter();
        ProtocolWriter out = new ProtocolWriter(64);
        writer.begin(out, CompressionCodec.NONE, 0);
        assertThatThrownBy(() -> writer.append(0, new byte[100], claiming(Integer.MAX_VALUE - 10), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be encoded");
        assertThat(out.array().length).isLessThan(1024);
        assertThatThrownBy(() -> writer.append(0, null, claiming(-3), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("serializedSize() returned -3");
    }

    @Test
    void aWriterAskedForRoomPastTheLargestArrayFailsInsteadOfWrapping() {
        ProtocolWriter out = new ProtocolWriter(64);
        out.skip(10);
        assertThatThrownBy(() -> out.skip(Integer.MAX_VALUE - 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot make room");
        assertThatThrownBy(() -> out.skip(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(out.position()).isEqualTo(10);
    }

    /** A value announcing {@code size} bytes that fails the test if it is ever asked to write them. */
    static MemorySerializable claiming(int size) {
        return new MemorySerializable() {
            @Override
            public int serializedSize() {
                return size;
            }

            @Override
            public void serialize(ByteBuffer target) {
                throw new AssertionError("a value claiming " + size + " bytes must not be written");
            }
        };
    }

    private static org.apache.kafka.common.header.Header[] kafkaHeaders(List<Header> headers) {
        return headers.stream().map(h -> new RecordHeader(h.key(), h.value()))
                .toArray(org.apache.kafka.common.header.Header[]::new);
    }
}
