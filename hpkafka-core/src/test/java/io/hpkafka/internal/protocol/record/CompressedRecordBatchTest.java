package io.hpkafka.internal.protocol.record;

import io.hpkafka.record.Header;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import static io.hpkafka.internal.protocol.record.RecordBatchLayout.ATTRIBUTES;
import static io.hpkafka.internal.protocol.record.RecordBatchLayout.BATCH_LENGTH;
import static io.hpkafka.internal.protocol.record.RecordBatchLayout.CRC;
import static io.hpkafka.internal.protocol.record.RecordBatchLayout.LOG_OVERHEAD;
import static io.hpkafka.internal.protocol.record.RecordBatchLayout.RECORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Compressed record batches, every codec, checked field by field against kafka-clients' record classes. */
class CompressedRecordBatchTest {

    private static final long T0 = 1_700_000_000_000L;

    /** A record as both clients see it. */
    private record Sample(long timestamp, byte[] key, byte[] value, List<Header> headers) {
    }

    /** Null and empty keys, tombstones, null / empty / repeated / empty-keyed headers, values up to {@code big}. */
    private static List<Sample> samples(int count, int bigValueBytes) {
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
                value = null; // tombstone
            } else if (bigValueBytes > 0 && i % 3 == 0) {
                value = new byte[bigValueBytes];
                for (int b = 0; b < value.length; b++) {
                    value[b] = (byte) ('a' + random.nextInt(6)); // compressible, not trivially
                }
            } else {
                value = ("value-" + i + "-é€").getBytes(StandardCharsets.UTF_8);
            }
            List<Header> headers = switch (i % 3) {
                case 0 -> List.of();
                case 1 -> List.of(new Header("dup", null), new Header("dup", new byte[0]), new Header("", bytes("e")));
                default -> List.of(new Header("ü", new byte[] {7}));
            };
            list.add(new Sample(T0 + i * 3L, key, value, headers));
        }
        return list;
    }

    private static ByteBuffer writeOurs(CompressionCodec codec, List<Sample> samples) {
        ProtocolWriter w = new ProtocolWriter(64);
        RecordBatchWriter writer = new RecordBatchWriter();
        writer.begin(w, codec, samples.get(0).timestamp);
        for (Sample s : samples) {
            writer.append(s.timestamp, s.key, s.value, s.headers);
        }
        writer.end();
        return w.toByteBuffer();
    }

    private static ByteBuffer writeKafka(CompressionCodec codec, List<Sample> samples) {
        ByteBuffer buffer = ByteBuffer.allocate(1024 * 1024);
        MemoryRecordsBuilder b = MemoryRecords.builder(buffer, compression(codec), TimestampType.CREATE_TIME, 0L);
        for (Sample s : samples) {
            RecordHeader[] headers = s.headers.stream().map(h -> new RecordHeader(h.key(), h.value()))
                    .toArray(RecordHeader[]::new);
            b.append(new SimpleRecord(s.timestamp, s.key, s.value, headers));
        }
        return b.build().buffer();
    }

    private static Compression compression(CompressionCodec codec) {
        return Compression.of(CompressionType.forId(codec.attributeId())).build();
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void kafkaClientsReadsEveryFieldOfEveryRecordOfOurBatch(CompressionCodec codec) {
        for (List<Sample> samples : List.of(samples(30, 0), samples(40, 5_000))) {
            ByteBuffer ours = writeOurs(codec, samples);
            List<RecordBatch> batches = new ArrayList<>();
            MemoryRecords.readableRecords(ours).batches().forEach(batches::add);
            assertThat(batches).hasSize(1);
            RecordBatch batch = batches.get(0);
            batch.ensureValid();
            assertThat((int) batch.compressionType().id).isEqualTo(codec.attributeId());
            assertThat(batch.countOrNull()).isEqualTo(samples.size());
            assertThat(batch.baseOffset()).isZero();
            assertThat(batch.lastOffset()).isEqualTo(samples.size() - 1);
            assertThat(batch.maxTimestamp()).isEqualTo(samples.get(samples.size() - 1).timestamp);
            assertThat(batch.producerId()).isEqualTo(RecordBatch.NO_PRODUCER_ID);
            assertThat(batch.isTransactional()).isFalse();
            assertThat(batch.isControlBatch()).isFalse();
            int i = 0;
            for (Record r : batch) {
                Sample s = samples.get(i);
                r.ensureValid();
                assertThat(r.offset()).isEqualTo(i);
                assertThat(r.timestamp()).isEqualTo(s.timestamp);
                assertThat(r.hasKey() ? toArray(r.key()) : null).isEqualTo(s.key);
                assertThat(r.hasValue() ? toArray(r.value()) : null).isEqualTo(s.value);
                assertThat(r.headers()).hasSameSizeAs(s.headers);
                for (int h = 0; h < s.headers.size(); h++) {
                    assertThat(r.headers()[h].key()).isEqualTo(s.headers.get(h).key());
                    assertThat(r.headers()[h].value()).isEqualTo(s.headers.get(h).value());
                }
                i++;
            }
            assertThat(i).isEqualTo(samples.size());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void weReadEveryFieldOfEveryRecordOfKafkaClientsBatch(CompressionCodec codec) {
        for (List<Sample> samples : List.of(samples(30, 0), samples(40, 5_000))) {
            assertReadsExactly(writeKafka(codec, samples), samples);
        }
    }

    @Test
    void snappyBatchesOver100KiBSpanSeveralXerialChunksBothWays() {
        List<Sample> samples = samples(60, 6_000); // 20 values of 6 KB: about 125 KB of records
        ByteBuffer ours = writeOurs(CompressionCodec.SNAPPY, samples);
        ByteBuffer theirs = writeKafka(CompressionCodec.SNAPPY, samples);
        assertThat(uncompressedRecordsSize(samples)).isGreaterThan(100 * 1024);
        assertThat(ours.remaining()).isGreaterThan(RECORDS + 16 + 4 * 4); // header + at least four chunks
        assertReadsExactly(theirs, samples);
        assertReadsExactly(ours.duplicate(), samples);
        RecordBatch batch = MemoryRecords.readableRecords(ours.duplicate()).batches().iterator().next();
        batch.ensureValid();
        int n = 0;
        for (Record r : batch) {
            assertThat(r.hasValue() ? toArray(r.value()) : null).isEqualTo(samples.get(n++).value);
        }
        assertThat(n).isEqualTo(samples.size());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = {"NONE", "GZIP", "SNAPPY", "LZ4"})
    void ourBatchIsByteForByteTheJavaClientsBatch(CompressionCodec codec) {
        for (List<Sample> samples : List.of(samples(30, 0), samples(60, 6_000))) {
            assertThat(toArray(writeOurs(codec, samples))).isEqualTo(toArray(writeKafka(codec, samples)));
        }
    }

    @Test
    void aRawSnappyBlockWithoutFramingIsAccepted() throws IOException {
        List<Sample> samples = samples(60, 6_000);
        ByteBuffer plain = writeOurs(CompressionCodec.NONE, samples);
        byte[] records = Arrays.copyOfRange(toArray(plain), RECORDS, plain.remaining());
        assertReadsExactly(withBody(plain, CompressionCodec.SNAPPY, Snappy.compress(records)), samples);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void truncatedOrGarbageCompressedRecordsGiveAProtocolErrorAndNothingElse(CompressionCodec codec) {
        List<Sample> samples = samples(60, 6_000);
        ByteBuffer batch = writeOurs(codec, samples);
        byte[] body = Arrays.copyOfRange(toArray(batch), RECORDS, batch.remaining());
        for (int cut = 0; cut < body.length; cut += cut < 40 ? 1 : 211) {
            assertProtocolError(withBody(batch, codec, Arrays.copyOf(body, cut)), codec + " cut at " + cut);
        }
        Random random = new Random(17);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            assertProtocolError(withBody(batch, codec, garbage), codec + " garbage " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aCompressedBatchWithNoRecordsIsSkippedWithoutInflating(CompressionCodec codec) {
        ByteBuffer batch = withBody(writeOurs(codec, samples(3, 0)), codec, new byte[] {1, 2, 3});
        batch.putInt(RecordBatchLayout.RECORD_COUNT, 0);
        fixCrc(batch);
        List<KafkaRecord> read = new ArrayList<>();
        assertThat(RecordBatchReader.read(batch, "t", 0, 0, read::add)).isEqualTo(3);
        assertThat(read).isEmpty();
    }

    private static void assertProtocolError(ByteBuffer batch, String what) {
        Throwable t = catchThrowable(() -> RecordBatchReader.read(batch, "t", 0, 0, r -> { }));
        assertThat(t).as(what).isInstanceOf(ProtocolException.class);
    }

    private static void assertReadsExactly(ByteBuffer batch, List<Sample> samples) {
        List<KafkaRecord> read = new ArrayList<>();
        long next = RecordBatchReader.read(batch, "t", 3, 0, read::add);
        assertThat(next).isEqualTo(samples.size());
        assertThat(read).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            KafkaRecord r = read.get(i);
            assertThat(r.topic()).isEqualTo("t");
            assertThat(r.partition()).isEqualTo(3);
            assertThat(r.offset()).isEqualTo(i);
            assertThat(r.timestamp()).isEqualTo(s.timestamp);
            assertThat(r.timestampType()).isEqualTo(io.hpkafka.record.TimestampType.CREATE_TIME);
            assertThat(r.key()).isEqualTo(s.key);
            assertThat(r.value()).isEqualTo(s.value);
            assertThat(r.headers()).hasSameSizeAs(s.headers);
            for (int h = 0; h < s.headers.size(); h++) {
                assertThat(r.headers().get(h).key()).isEqualTo(s.headers.get(h).key());
                assertThat(r.headers().get(h).value()).isEqualTo(s.headers.get(h).value());
            }
        }
    }

    /** The batch with {@code body} as its records section and {@code codec} in its attributes; CRC recomputed. */
    private static ByteBuffer withBody(ByteBuffer batch, CompressionCodec codec, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(RECORDS + body.length);
        b.put(batch.duplicate().limit(batch.position() + RECORDS)).put(body).flip();
        b.putInt(BATCH_LENGTH, b.limit() - LOG_OVERHEAD);
        b.putShort(ATTRIBUTES, (short) ((b.getShort(ATTRIBUTES) & ~0x07) | codec.attributeId()));
        fixCrc(b);
        return b;
    }

    private static void fixCrc(ByteBuffer b) {
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(ATTRIBUTES));
        b.putInt(CRC, (int) crc.getValue());
    }

    private static int uncompressedRecordsSize(List<Sample> samples) {
        ByteBuffer plain = writeOurs(CompressionCodec.NONE, samples);
        return plain.remaining() - RECORDS;
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
