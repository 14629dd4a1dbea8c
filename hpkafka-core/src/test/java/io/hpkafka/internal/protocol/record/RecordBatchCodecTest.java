package io.hpkafka.internal.protocol.record;

import io.hpkafka.record.Header;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Record batch v2 bytes checked against kafka-clients' own record classes, both ways. */
class RecordBatchCodecTest {

    private static final long T0 = 1_700_000_000_000L;

    private static ByteBuffer writeOurs(CompressionCodec codec, int count) {
        ProtocolWriter w = new ProtocolWriter(64);
        RecordBatchWriter writer = new RecordBatchWriter();
        writer.begin(w, codec, T0);
        for (int i = 0; i < count; i++) {
            byte[] key = i % 3 == 0 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8);
            byte[] value = i % 5 == 4 ? null : ("value-" + i).getBytes(StandardCharsets.UTF_8);
            List<Header> headers = i % 2 == 0 ? List.of()
                    : List.of(new Header("h", null), new Header("h", new byte[0]), new Header("ü", new byte[] {7}));
            writer.append(T0 + i, key, value, headers);
        }
        writer.end();
        return w.toByteBuffer();
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void kafkaClientsParsesOurBatchAndItsCrc(CompressionCodec codec) {
        MemoryRecords records = MemoryRecords.readableRecords(writeOurs(codec, 20));
        List<RecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertThat(batches).hasSize(1);
        RecordBatch batch = batches.get(0);
        batch.ensureValid(); // checks the CRC-32C
        assertThat(batch.magic()).isEqualTo((byte) 2);
        assertThat(batch.countOrNull()).isEqualTo(20);
        assertThat(batch.maxTimestamp()).isEqualTo(T0 + 19);
        assertThat((int) batch.compressionType().id).isEqualTo(codec.attributeId());
        int i = 0;
        for (Record r : batch) {
            assertThat(r.offset()).isEqualTo(i);
            assertThat(r.timestamp()).isEqualTo(T0 + i);
            assertThat(r.hasKey()).isEqualTo(i % 3 != 0);
            assertThat(r.hasValue()).isEqualTo(i % 5 != 4);
            assertThat(r.headers()).hasSize(i % 2 == 0 ? 0 : 3);
            if (i % 2 == 1) {
                assertThat(r.headers()[0].value()).isNull();
                assertThat(r.headers()[1].value()).isEmpty();
                assertThat(r.headers()[2].key()).isEqualTo("ü");
            }
            i++;
        }
        assertThat(i).isEqualTo(20);
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void weReadKafkaClientsBatchesStartingInsideABatch(CompressionCodec codec) {
        Compression compression = Compression.of(CompressionType.forId(codec.attributeId())).build();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        for (int batch = 0; batch < 3; batch++) {
            MemoryRecordsBuilder b = MemoryRecords.builder(buffer, compression, TimestampType.CREATE_TIME,
                    batch * 50L);
            for (int i = 0; i < 50; i++) {
                long offset = batch * 50L + i;
                b.append(new SimpleRecord(T0 + offset, ("k" + offset).getBytes(StandardCharsets.UTF_8),
                        ("v" + offset).getBytes(StandardCharsets.UTF_8),
                        new RecordHeader[] {new RecordHeader("n", null)}));
            }
            b.close();
        }
        buffer.flip();
        List<KafkaRecord> read = new ArrayList<>();
        long next = RecordBatchReader.read(buffer, "t", 0, 70, read::add);
        assertThat(next).isEqualTo(150);
        assertThat(read).hasSize(80);
        assertThat(read.get(0).offset()).isEqualTo(70);
        assertThat(new String(read.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("v70");
        assertThat(read.get(0).timestamp()).isEqualTo(T0 + 70);
        assertThat(read.get(0).headers()).singleElement().satisfies(h -> assertThat(h.value()).isNull());
    }

    @Test
    void aBatchCutOffAtTheEndIsLeftForTheNextFetchNotTreatedAsCorrupt() {
        ByteBuffer whole = writeTwoBatches();
        int firstBatchSize = 12 + whole.getInt(8);
        for (int cut = firstBatchSize; cut < whole.limit(); cut++) {
            List<KafkaRecord> read = new ArrayList<>();
            long next = RecordBatchReader.read(whole.slice(0, cut), "t", 0, 0, read::add);
            assertThat(next).as("cut at %d", cut).isEqualTo(5);
            assertThat(read).hasSize(5);
        }
    }

    @Test
    void aFlippedBitFailsTheCrcCheckWithAProtocolError() {
        ByteBuffer batch = writeOurs(CompressionCodec.NONE, 5);
        batch.put(batch.limit() - 2, (byte) (batch.get(batch.limit() - 2) ^ 0x10));
        assertThatThrownBy(() -> RecordBatchReader.read(batch, "t", 0, 0, r -> { }))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("CRC");
    }

    private static ByteBuffer writeTwoBatches() {
        ProtocolWriter w = new ProtocolWriter(64);
        RecordBatchWriter writer = new RecordBatchWriter();
        for (int batch = 0; batch < 2; batch++) {
            int start = w.position();
            writer.begin(w, CompressionCodec.NONE, T0);
            for (int i = 0; i < 5; i++) {
                writer.append(T0, null, new byte[] {(byte) i}, List.of());
            }
            writer.end();
            w.setInt32(start + 4, batch * 5); // base offset (low half)
        }
        return w.toByteBuffer();
    }
}
