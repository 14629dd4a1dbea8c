package io.hpkafka.internal.protocol.record;

import io.hpkafka.record.Header;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.AbstractLegacyRecordBatch;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Legacy message sets, magic 0 and 1, uncompressed and in compressed wrappers, checked both ways against
 * kafka-clients' legacy record classes ({@link AbstractLegacyRecordBatch}, {@code MemoryRecords.builder} with
 * {@link RecordBatch#MAGIC_VALUE_V0} / {@link RecordBatch#MAGIC_VALUE_V1}).
 */
class LegacyMessageSetTest {

    private static final long T0 = 1_700_000_000_000L;

    private record Sample(long timestamp, byte[] key, byte[] value) {
    }

    /** Null and empty keys, tombstones, empty values and a few compressible kilobytes. */
    private static List<Sample> samples(int count) {
        Random random = new Random(count);
        List<Sample> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] key = switch (i % 4) {
                case 0 -> null;
                case 1 -> new byte[0];
                default -> ("key-" + i).getBytes(StandardCharsets.UTF_8);
            };
            byte[] value;
            if (i % 6 == 5) {
                value = null;
            } else if (i % 7 == 3) {
                value = new byte[0];
            } else if (i % 5 == 0) {
                value = new byte[3000];
                for (int b = 0; b < value.length; b++) {
                    value[b] = (byte) ('a' + random.nextInt(5));
                }
            } else {
                value = ("value-" + i + "-é€").getBytes(StandardCharsets.UTF_8);
            }
            list.add(new Sample(T0 + i * 7L, key, value));
        }
        return list;
    }

    /** Every (magic, codec) pair the legacy formats carry. */
    static Stream<Arguments> formats() {
        List<Arguments> out = new ArrayList<>();
        for (byte magic : new byte[] {0, 1}) {
            for (CompressionCodec codec : CompressionCodec.values()) {
                if (codec == CompressionCodec.ZSTD || (codec == CompressionCodec.LZ4 && magic == 0)) {
                    continue;
                }
                out.add(Arguments.of(magic, codec));
            }
        }
        return out.stream();
    }

    private static ByteBuffer writeOurs(byte magic, CompressionCodec codec, List<Sample> samples) {
        ProtocolWriter w = new ProtocolWriter(64);
        LegacyMessageSetWriter writer = new LegacyMessageSetWriter();
        writer.begin(w, magic, codec);
        for (Sample s : samples) {
            writer.append(s.timestamp, s.key, s.value, List.of());
        }
        writer.end();
        assertThat(writer.count()).isEqualTo(samples.size());
        return ByteBuffer.wrap(Arrays.copyOf(w.array(), w.position()));
    }

    private static MemoryRecords writeKafkas(byte magic, CompressionCodec codec, TimestampType type, long baseOffset,
                                             long logAppendTime, List<Sample> samples) {
        MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(1024), magic, compression(codec), type,
                baseOffset, logAppendTime);
        for (Sample s : samples) {
            b.append(s.timestamp, s.key, s.value);
        }
        return b.build();
    }

    private static Compression compression(CompressionCodec codec) {
        return switch (codec) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().build();
            case ZSTD -> Compression.zstd().build();
        };
    }

    private static List<KafkaRecord> readOurs(ByteBuffer bytes, long fetchOffset, long[] next) {
        List<KafkaRecord> out = new ArrayList<>();
        next[0] = RecordBatchReader.read(bytes, "t", 3, fetchOffset, out::add);
        return out;
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @ParameterizedTest(name = "magic {0}, {1}")
    @MethodSource("formats")
    void ourMessageSetsParseWithKafkaClientsLegacyClasses(byte magic, CompressionCodec codec) {
        List<Sample> samples = samples(40);
        MemoryRecords parsed = MemoryRecords.readableRecords(writeOurs(magic, codec, samples));

        List<RecordBatch> batches = new ArrayList<>();
        parsed.batches().forEach(batches::add);
        assertThat(batches).allSatisfy(batch -> {
            assertThat(batch).isInstanceOf(AbstractLegacyRecordBatch.class);
            assertThat(batch.magic()).isEqualTo(magic);
            assertThat(batch.compressionType()).isEqualTo(CompressionType.forId(codec.attributeId()));
            batch.ensureValid(); // CRC-32 of the wrapper or the message
        });
        if (codec == CompressionCodec.NONE) {
            assertThat(batches).hasSize(samples.size());
        } else {
            assertThat(batches).hasSize(1); // one wrapper message
            assertThat(batches.get(0).lastOffset()).isEqualTo(samples.size() - 1);
            if (magic == 1) {
                assertThat(batches.get(0).maxTimestamp()).isEqualTo(samples.get(samples.size() - 1).timestamp);
            }
        }
        List<Record> records = new ArrayList<>();
        parsed.records().forEach(records::add);
        assertThat(records).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Record r = records.get(i);
            Sample s = samples.get(i);
            r.ensureValid();
            assertThat(r.offset()).isEqualTo(i);
            assertThat(bytes(r.key())).isEqualTo(s.key);
            assertThat(bytes(r.value())).isEqualTo(s.value);
            assertThat(r.hasKey()).isEqualTo(s.key != null);
            assertThat(r.timestamp()).isEqualTo(magic == 0 ? RecordBatch.NO_TIMESTAMP : s.timestamp);
        }
    }

    @ParameterizedTest(name = "magic {0}, {1}")
    @MethodSource("formats")
    void kafkaClientsMessageSetsReadWithAbsoluteOffsets(byte magic, CompressionCodec codec) {
        List<Sample> samples = samples(40);
        // Base offset 100: v1 wrappers hold inner offsets 0..39 relative to the wrapper (139), v0 ones 100..139.
        MemoryRecords records = writeKafkas(magic, codec, TimestampType.CREATE_TIME, 100, RecordBatch.NO_TIMESTAMP,
                samples);
        long[] next = new long[1];
        List<KafkaRecord> read = readOurs(records.buffer(), 100, next);

        assertThat(next[0]).isEqualTo(140);
        assertThat(read).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            KafkaRecord r = read.get(i);
            Sample s = samples.get(i);
            assertThat(r.topic()).isEqualTo("t");
            assertThat(r.partition()).isEqualTo(3);
            assertThat(r.offset()).isEqualTo(100 + i);
            assertThat(r.key()).isEqualTo(s.key);
            assertThat(r.value()).isEqualTo(s.value);
            assertThat(r.headers()).isEmpty();
            assertThat(r.timestamp()).isEqualTo(magic == 0 ? -1L : s.timestamp);
            assertThat(r.timestampType()).isEqualTo(io.hpkafka.record.TimestampType.CREATE_TIME);
        }
    }

    @ParameterizedTest(name = "magic {0}, {1}")
    @MethodSource("formats")
    void ourMessageSetsReadBackWithOurReader(byte magic, CompressionCodec codec) {
        List<Sample> samples = samples(25);
        long[] next = new long[1];
        List<KafkaRecord> read = readOurs(writeOurs(magic, codec, samples), 0, next);
        assertThat(next[0]).isEqualTo(25);
        assertThat(read).extracting(KafkaRecord::offset).containsExactly(
                java.util.stream.LongStream.range(0, 25).boxed().toArray(Long[]::new));
        assertThat(read).extracting(KafkaRecord::value).containsExactlyElementsOf(
                samples.stream().map(Sample::value).toList());
    }

    @Test
    void v0WrapperInnerOffsetsAreAbsoluteAndV1OnesRelative() {
        List<Sample> samples = samples(5);
        for (byte magic : new byte[] {0, 1}) {
            MemoryRecords records = writeKafkas(magic, CompressionCodec.GZIP, TimestampType.CREATE_TIME, 1000,
                    RecordBatch.NO_TIMESTAMP, samples);
            // kafka-clients' own deep iteration gives the absolute offsets we must give
            List<Long> expected = new ArrayList<>();
            records.records().forEach(r -> expected.add(r.offset()));
            assertThat(expected).containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
            List<KafkaRecord> read = readOurs(records.buffer(), 0, new long[1]);
            assertThat(read).extracting(KafkaRecord::offset).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aLogAppendTimeWrapperGivesItsTimestampToEveryInnerMessage() {
        List<Sample> samples = samples(6);
        long appendTime = T0 + 999_999;
        MemoryRecords records = writeKafkas((byte) 1, CompressionCodec.SNAPPY, TimestampType.LOG_APPEND_TIME, 7,
                appendTime, samples);
        List<KafkaRecord> read = readOurs(records.buffer(), 0, new long[1]);
        assertThat(read).hasSize(6).allSatisfy(r -> {
            assertThat(r.timestamp()).isEqualTo(appendTime);
            assertThat(r.timestampType()).isEqualTo(io.hpkafka.record.TimestampType.LOG_APPEND_TIME);
        });
    }

    @Test
    void aFetchStartingInsideACompressedWrapperSkipsTheRecordsBelowIt() {
        for (byte magic : new byte[] {0, 1}) {
            MemoryRecords records = writeKafkas(magic, CompressionCodec.GZIP, TimestampType.CREATE_TIME, 50,
                    RecordBatch.NO_TIMESTAMP, samples(10));
            long[] next = new long[1];
            List<KafkaRecord> read = readOurs(records.buffer(), 56, next);
            assertThat(read).extracting(KafkaRecord::offset).containsExactly(56L, 57L, 58L, 59L);
            assertThat(next[0]).isEqualTo(60);
        }
    }

    @Test
    void aCutOffLastEntryIsFetchedAgainNotTreatedAsCorruption() {
        for (byte magic : new byte[] {0, 1}) {
            ByteBuffer whole = writeKafkas(magic, CompressionCodec.NONE, TimestampType.CREATE_TIME, 0,
                    RecordBatch.NO_TIMESTAMP, samples(8)).buffer();
            for (int cut = 1; cut < 40; cut++) {
                ByteBuffer truncated = whole.duplicate();
                truncated.limit(whole.limit() - cut);
                long[] next = new long[1];
                List<KafkaRecord> read = readOurs(truncated, 0, next);
                assertThat(read).hasSize((int) next[0]);
                assertThat(next[0]).isEqualTo(7); // the last message is complete in none of these
            }
        }
    }

    @Test
    void legacyAndV2BatchesMayFollowEachOtherInOneResponse() {
        ByteBuffer v0 = writeKafkas((byte) 0, CompressionCodec.NONE, TimestampType.CREATE_TIME, 0,
                RecordBatch.NO_TIMESTAMP, samples(3)).buffer();
        ByteBuffer v1 = writeKafkas((byte) 1, CompressionCodec.SNAPPY, TimestampType.CREATE_TIME, 3,
                RecordBatch.NO_TIMESTAMP, samples(3)).buffer();
        ByteBuffer v2 = writeKafkas((byte) 2, CompressionCodec.GZIP, TimestampType.CREATE_TIME, 6,
                RecordBatch.NO_TIMESTAMP, samples(3)).buffer();
        ByteBuffer all = ByteBuffer.allocate(v0.remaining() + v1.remaining() + v2.remaining());
        all.put(v0).put(v1).put(v2).flip();
        long[] next = new long[1];
        assertThat(readOurs(all, 0, next)).extracting(KafkaRecord::offset)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(next[0]).isEqualTo(9);
    }

    @Test
    void aCorruptedMessageFailsItsCrc() {
        for (byte magic : new byte[] {0, 1}) {
            ByteBuffer bytes = writeOurs(magic, CompressionCodec.NONE, samples(3));
            bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 1));
            assertThatThrownBy(() -> readOurs(bytes, 0, new long[1]))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("CRC-32");
        }
    }

    @Test
    void mutatedMessageSetsGiveRecordsOrAProtocolExceptionOnly() {
        Random random = new Random(42);
        List<ByteBuffer> valid = new ArrayList<>();
        for (byte magic : new byte[] {0, 1}) {
            for (CompressionCodec codec : List.of(CompressionCodec.NONE, CompressionCodec.GZIP,
                    CompressionCodec.SNAPPY)) {
                valid.add(writeKafkas(magic, codec, TimestampType.CREATE_TIME, 10, RecordBatch.NO_TIMESTAMP,
                        samples(6)).buffer());
            }
        }
        for (int run = 0; run < 5_000; run++) {
            ByteBuffer source = valid.get(random.nextInt(valid.size()));
            byte[] b = new byte[source.remaining()];
            source.duplicate().get(b);
            for (int e = 1 + random.nextInt(3); e > 0; e--) {
                int at = random.nextInt(b.length);
                b[at] = random.nextBoolean() ? (byte) random.nextInt() : new byte[] {0, -1, 0x7F, (byte) 0x80}[
                        random.nextInt(4)];
            }
            if (random.nextInt(4) == 0) {
                b = Arrays.copyOf(b, random.nextInt(b.length));
            }
            try {
                RecordBatchReader.read(ByteBuffer.wrap(b), "t", 0, 0, r -> { });
            } catch (ProtocolException expected) {
                // the only failure allowed
            }
        }
    }

    @Test
    void recordsWithHeadersAndCodecsTheFormatLacksAreRefused() {
        LegacyMessageSetWriter writer = new LegacyMessageSetWriter();
        writer.begin(new ProtocolWriter(64), (byte) 1, CompressionCodec.NONE);
        assertThatThrownBy(() -> writer.append(T0, null, new byte[1], List.of(new Header("h", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("headers");
        assertThatThrownBy(() -> writer.begin(new ProtocolWriter(64), (byte) 1, CompressionCodec.ZSTD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.begin(new ProtocolWriter(64), (byte) 0, CompressionCodec.LZ4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
