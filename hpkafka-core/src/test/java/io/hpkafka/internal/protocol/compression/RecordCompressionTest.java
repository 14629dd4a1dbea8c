package io.hpkafka.internal.protocol.compression;

import io.hpkafka.config.CompressionLibraries;
import com.github.luben.zstd.ZstdOutputStream;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Each codec's framing against kafka-clients' own streams, both ways, and against malformed input. */
class RecordCompressionTest {

    /** Around the block sizes of the framings (32 KiB snappy, 64 KiB lz4) and well past them. */
    private static final int[] SIZES = {1, 1000, 32 * 1024, 32 * 1024 + 1, 64 * 1024, 64 * 1024 + 1, 150_000};

    /** Text-like bytes that compress about as well as real records. */
    static byte[] compressible(int size, long seed) {
        Random random = new Random(seed);
        String[] words = {"order", "customer", "42", "\"id\":", "amount", "EUR", "created", "2024-01-01T00:00:00Z",
                "{", "}", ",", "status", "SHIPPED", "é€"};
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 32);
        while (out.size() < size) {
            out.writeBytes(words[random.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return Arrays.copyOf(out.toByteArray(), size);
    }

    static byte[] incompressible(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] ours(CompressionCodec codec, byte[] data) {
        ProtocolWriter w = new ProtocolWriter(16);
        w.skip(3); // not at offset 0, as inside a request
        RecordCompression.compress(codec, data, 0, data.length, w);
        return Arrays.copyOfRange(w.array(), 3, w.position());
    }

    static byte[] inflate(CompressionCodec codec, byte[] compressed) {
        try (DecompressedRecords d = RecordCompression.decompress(codec.attributeId(), ByteBuffer.wrap(compressed))) {
            ByteBuffer b = d.buffer();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }
    }

    static byte[] kafkaCompress(CompressionCodec codec, byte[] data) throws IOException {
        ByteBufferOutputStream buffer = new ByteBufferOutputStream(64);
        try (OutputStream out = kafkaCompression(codec).wrapForOutput(buffer, RecordBatch.MAGIC_VALUE_V2)) {
            out.write(data);
        }
        ByteBuffer b = buffer.buffer().flip();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    static byte[] kafkaDecompress(CompressionCodec codec, byte[] compressed) throws IOException {
        try (InputStream in = kafkaCompression(codec).wrapForInput(ByteBuffer.wrap(compressed),
                RecordBatch.MAGIC_VALUE_V2, BufferSupplier.create())) {
            return in.readAllBytes();
        }
    }

    static Compression kafkaCompression(CompressionCodec codec) {
        return Compression.of(CompressionType.forId(codec.attributeId())).build();
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void kafkaClientsInflatesWhatWeCompressAndTheReverse(CompressionCodec codec) throws IOException {
        for (int size : SIZES) {
            for (byte[] data : new byte[][] {compressible(size, size), incompressible(size, size)}) {
                byte[] compressed = ours(codec, data);
                assertThat(kafkaDecompress(codec, compressed)).as("%s, %d bytes", codec, size).isEqualTo(data);
                assertThat(inflate(codec, compressed)).isEqualTo(data);
                assertThat(inflate(codec, kafkaCompress(codec, data))).as("%s, %d bytes", codec, size)
                        .isEqualTo(data);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = {"GZIP", "SNAPPY", "LZ4"})
    // Not zstd: single-shot compression records the content size in the frame header, the Java client streams.
    void framingIsByteForByteWhatTheJavaClientWrites(CompressionCodec codec) throws IOException {
        for (int size : SIZES) {
            byte[] data = compressible(size, 7);
            assertThat(ours(codec, data)).as("%s, %d bytes", codec, size).isEqualTo(kafkaCompress(codec, data));
        }
        byte[] random = incompressible(100_000, 3); // lz4 stores such blocks as they are
        assertThat(ours(codec, random)).isEqualTo(kafkaCompress(codec, random));
    }

    @Test
    void snappyOver32KiBIsWrittenAsSeveralXerialChunks() {
        byte[] data = compressible(100_000, 1);
        byte[] c = ours(CompressionCodec.SNAPPY, data);
        int chunks = 0;
        for (int at = 16; at < c.length; chunks++) {
            at += 4 + ByteBuffer.wrap(c, at, 4).getInt();
        }
        assertThat(chunks).isEqualTo(4); // 32 + 32 + 32 + 1.7 KiB
        assertThat(Arrays.copyOf(c, 16)).containsExactly(0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0,
                1);
    }

    @Test
    void aRawSnappyBlockWithoutXerialFramingIsAccepted() throws IOException {
        byte[] data = compressible(100_000, 2);
        assertThat(inflate(CompressionCodec.SNAPPY, org.xerial.snappy.Snappy.compress(data))).isEqualTo(data);
    }

    @Test
    void concatenatedXerialStreamsAreJoined() throws IOException {
        byte[] a = compressible(40_000, 1);
        byte[] b = compressible(5_000, 2);
        byte[] joined = concat(ours(CompressionCodec.SNAPPY, a), ours(CompressionCodec.SNAPPY, b));
        assertThat(inflate(CompressionCodec.SNAPPY, joined)).isEqualTo(concat(a, b));
    }

    @Test
    void gzipWithSeveralMembersAndHeaderFieldsIsJoined() throws IOException {
        byte[] a = compressible(70_000, 1);
        byte[] b = compressible(10, 2);
        byte[] withName = ours(CompressionCodec.GZIP, b);
        // Give the second member FNAME and FEXTRA fields, as other gzip writers may.
        byte[] fields = {2, 0, 'x', 'y', 'n', 'a', 'm', 'e', 0};
        withName[3] = 0x04 | 0x08;
        byte[] member = concat(Arrays.copyOf(withName, 10), fields,
                Arrays.copyOfRange(withName, 10, withName.length));
        ByteArrayOutputStream jdk = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(jdk)) {
            gz.write(a);
        }
        assertThat(inflate(CompressionCodec.GZIP, concat(jdk.toByteArray(), member))).isEqualTo(concat(a, b));
    }

    @Test
    void lz4FramesWithChecksumsContentSizeAndLargeBlocksAreRead() throws IOException {
        byte[] data = compressible(700_000, 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB,
                data.length, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE)) {
            out.write(data);
        }
        byte[] frame = bytes.toByteArray();
        assertThat(inflate(CompressionCodec.LZ4, frame)).isEqualTo(data);

        byte[] corrupt = frame.clone();
        corrupt[corrupt.length - 10] ^= 1; // inside the last block: its checksum or the content checksum fails
        assertThatThrownBy(() -> inflate(CompressionCodec.LZ4, corrupt)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void zstdFramesWithoutContentSizeGrowTheirGuessUntilTheyFit() throws IOException {
        byte[] data = new byte[3_000_000]; // zeros: ratio in the thousands, far beyond the first guess
        data[1_234_567] = 1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(bytes, 3)) {
            out.setChecksum(true);
            out.write(data);
        }
        assertThat(inflate(CompressionCodec.ZSTD, bytes.toByteArray())).isEqualTo(data);
        assertThat(inflate(CompressionCodec.ZSTD, concat(bytes.toByteArray(), ours(CompressionCodec.ZSTD, data))))
                .isEqualTo(concat(data, data));
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void inflatingBeyondTheLimitIsRefusedWithAProtocolError(CompressionCodec codec) throws IOException {
        byte[] zeros = new byte[200_000];
        for (byte[] compressed : new byte[][] {ours(codec, zeros), kafkaCompress(codec, zeros)}) {
            ByteBuffer in = ByteBuffer.wrap(compressed);
            assertThatThrownBy(() -> RecordCompression.decompress(codec.attributeId(), in, 100_000).close())
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("beyond");
            try (DecompressedRecords d = RecordCompression.decompress(codec.attributeId(), in, 200_000)) {
                assertThat(d.buffer().remaining()).isEqualTo(200_000); // exactly at the limit is fine
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void truncatedOrGarbageInputGivesAProtocolErrorOrShorterOutputNeverAnotherException(CompressionCodec codec)
            throws IOException {
        byte[] data = compressible(70_000, 9);
        for (byte[] valid : new byte[][] {ours(codec, data), kafkaCompress(codec, data)}) {
            for (int cut = 0; cut < valid.length; cut += cut < 64 ? 1 : 97) {
                assertProtocolErrorOrPrefix(codec, Arrays.copyOf(valid, cut), data);
            }
            Random random = new Random(11);
            for (int i = 0; i < 300; i++) {
                byte[] flipped = valid.clone();
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                assertProtocolErrorOrAnything(codec, flipped);
            }
        }
        Random random = new Random(13);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = incompressible(random.nextInt(200), i);
            assertProtocolErrorOrAnything(codec, garbage);
        }
    }

    /** A cut-off stream may still parse at a block boundary; then it must give a prefix of the data, never junk. */
    private static void assertProtocolErrorOrPrefix(CompressionCodec codec, byte[] cut, byte[] data) {
        Throwable t = catchThrowable(() -> {
            byte[] out = inflate(codec, cut);
            assertThat(out.length).isLessThan(data.length);
            assertThat(out).isEqualTo(Arrays.copyOf(data, out.length));
        });
        if (t != null && !(t instanceof AssertionError)) {
            assertThat(t).as("%s cut at %d bytes", codec, cut.length).isInstanceOf(ProtocolException.class);
        } else if (t != null) {
            throw (AssertionError) t;
        }
    }

    private static void assertProtocolErrorOrAnything(CompressionCodec codec, byte[] bytes) {
        Throwable t = catchThrowable(() -> inflate(codec, bytes));
        if (t != null) {
            assertThat(t).as("%s on %d malformed bytes", codec, bytes.length).isInstanceOf(ProtocolException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void directBuffersAndSlicesAreReadLikeHeapArrays(CompressionCodec codec) {
        byte[] data = compressible(50_000, 4);
        byte[] compressed = ours(codec, data);
        ByteBuffer direct = ByteBuffer.allocateDirect(compressed.length + 10);
        direct.position(5);
        direct.put(compressed).flip().position(5);
        try (DecompressedRecords d = RecordCompression.decompress(codec.attributeId(), direct)) {
            assertThat(toArray(d.buffer())).isEqualTo(data);
        }
        assertThat(direct.position()).isEqualTo(5);
        ByteBuffer slice = ByteBuffer.wrap(concat(new byte[7], compressed)).position(7).slice();
        try (DecompressedRecords d = RecordCompression.decompress(codec.attributeId(), slice)) {
            assertThat(toArray(d.buffer())).isEqualTo(data);
        }
    }

    @Test
    void aNestedDecompressionOnTheSameThreadDoesNotOverwriteAnOpenLease() {
        byte[] a = compressible(10_000, 1);
        byte[] b = compressible(10_000, 2);
        try (DecompressedRecords outer = RecordCompression.decompress(1, ByteBuffer.wrap(ours(CompressionCodec.GZIP, a)))) {
            try (DecompressedRecords inner = RecordCompression.decompress(1,
                    ByteBuffer.wrap(ours(CompressionCodec.GZIP, b)))) {
                assertThat(toArray(inner.buffer())).isEqualTo(b);
            }
            assertThat(toArray(outer.buffer())).isEqualTo(a);
        }
    }

    @Test
    void unknownCodecIdsAreProtocolErrors() {
        for (int id = 5; id <= 7; id++) {
            int codecId = id;
            assertThatThrownBy(() -> RecordCompression.decompress(codecId, ByteBuffer.allocate(10)))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("codec id " + id);
        }
    }

    @Test
    void librariesArePresentHereAndTheMessageNamesTheArtifactToAdd() {
        assertThat(CompressionLibraries.isAvailable(CompressionCodec.LZ4)).isTrue();
        assertThat(CompressionLibraries.isAvailable(CompressionCodec.ZSTD)).isTrue();
        assertThat(CompressionLibraries.present("net.jpountz.lz4.NoSuchClass")).isFalse();
        assertThat(CompressionLibraries.missingLibraryMessage(CompressionCodec.LZ4))
                .contains("LZ4", "at.yawk.lz4:lz4-java:1.10.1", "optional");
        assertThat(CompressionLibraries.missingLibraryMessage(CompressionCodec.ZSTD))
                .contains("ZSTD", "com.github.luben:zstd-jni:1.5.6-10", "optional");
    }

    @Test
    void steadyStateCompressionAndDecompressionAllocateAlmostNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        byte[] data = compressible(100_000, 3);
        ProtocolWriter w = new ProtocolWriter(256 * 1024);
        StringBuilder report = new StringBuilder();
        for (CompressionCodec codec : CompressionCodec.values()) {
            if (codec == CompressionCodec.NONE) {
                continue;
            }
            long[] perOp = new long[2];
            for (int round = 0; round < 2; round++) { // first round warms up
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 200; i++) {
                    w.reset();
                    RecordCompression.compress(codec, data, 0, data.length, w);
                }
                long compressed = threads.getCurrentThreadAllocatedBytes();
                ByteBuffer in = w.toByteBuffer();
                long inflated = 0;
                for (int i = 0; i < 200; i++) {
                    try (DecompressedRecords d = RecordCompression.decompress(codec.attributeId(), in)) {
                        inflated += d.buffer().remaining();
                    }
                }
                long after = threads.getCurrentThreadAllocatedBytes();
                assertThat(inflated).isEqualTo(200L * data.length);
                perOp[0] = (compressed - before) / 200;
                perOp[1] = (after - compressed) / 200;
            }
            report.append(String.format("%s: compress %d B/batch, decompress %d B/batch; ", codec, perOp[0],
                    perOp[1]));
            assertThat(perOp[0]).as(codec + " compress").isLessThan(1024);
            assertThat(perOp[1]).as(codec + " decompress").isLessThan(1024);
        }
        System.out.println("Allocation per 100 KB batch: " + report);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
