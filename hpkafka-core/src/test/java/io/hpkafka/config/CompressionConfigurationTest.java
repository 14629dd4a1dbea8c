package io.hpkafka.config;

import io.hpkafka.record.Header;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.record.RecordBatchReader;
import io.hpkafka.internal.protocol.record.RecordBatchWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compressionCodec option, with its optional libraries present and, in an isolated class loader, absent. */
class CompressionConfigurationTest {

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void everyCodecBuildsWhenItsLibraryIsPresent(CompressionCodec codec) {
        assertThat(CompressionLibraries.isAvailable(codec)).isTrue(); // lz4-java and zstd-jni are test dependencies
        assertThat(Configuration.builder().seeds("localhost:9092").compressionCodec(codec).build().compressionCodec())
                .isEqualTo(codec);
    }

    @Test
    void theMissingLibraryMessageNamesTheArtifactToAdd() {
        assertThat(CompressionLibraries.missingLibraryMessage(CompressionCodec.LZ4))
                .contains("at.yawk.lz4:lz4-java:1.10.1");
        assertThat(CompressionLibraries.missingLibraryMessage(CompressionCodec.ZSTD))
                .contains("com.github.luben:zstd-jni:1.5.6-10");
        assertThat(CompressionLibraries.missingLibraryMessage(CompressionCodec.SNAPPY))
                .contains("org.xerial.snappy:snappy-java");
        assertThat(CompressionLibraries.artifact(CompressionCodec.GZIP)).isNull();
    }

    @Test
    void withoutLz4AndZstdJarsBuildFailsNamingTheOptionAndTheRestStillWorks() throws Exception {
        ClassLoader isolated = new WithoutOptionalCodecs(getClass().getClassLoader());
        Class<?> probe = isolated.loadClass(AbsentLibrariesProbe.class.getName());
        assertThat(probe.getClassLoader()).isSameAs(isolated);
        ((Runnable) probe.getDeclaredConstructor().newInstance()).run();
    }

    /** Runs inside {@link WithoutOptionalCodecs}: every io.hpkafka class it touches is loaded without lz4 and zstd. */
    public static final class AbsentLibrariesProbe implements Runnable {
        @Override
        public void run() {
            for (CompressionCodec codec : List.of(CompressionCodec.LZ4, CompressionCodec.ZSTD)) {
                assertThat(CompressionLibraries.isAvailable(codec)).isFalse();
                assertThatThrownBy(() -> Configuration.builder().seeds("localhost:9092").compressionCodec(codec)
                        .build())
                        .isInstanceOf(InvalidConfigurationException.class)
                        .hasMessageContaining("'compressionCodec'")
                        .hasMessageContaining(CompressionLibraries.artifact(codec))
                        .extracting(e -> ((InvalidConfigurationException) e).option()).isEqualTo("compressionCodec");
                assertThatThrownBy(() -> new RecordBatchWriter().begin(new ProtocolWriter(64), codec, 0L))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(CompressionLibraries.artifact(codec));
            }
            for (CompressionCodec codec : List.of(CompressionCodec.NONE, CompressionCodec.GZIP,
                    CompressionCodec.SNAPPY)) {
                Configuration.builder().seeds("localhost:9092").compressionCodec(codec).build();
                assertThat(readBack(batch(codec))).singleElement()
                        .satisfies(r -> assertThat(r.value()).containsExactly(1, 2, 3));
            }
            // A fetched lz4 batch is a typed error that says what is missing, not a NoClassDefFoundError.
            ByteBuffer lz4 = batch(CompressionCodec.NONE);
            lz4.putShort(21, (short) CompressionCodec.LZ4.attributeId());
            CRC32C crc = new CRC32C();
            crc.update(lz4.duplicate().position(21));
            lz4.putInt(17, (int) crc.getValue());
            assertThatThrownBy(() -> readBack(lz4)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("at.yawk.lz4:lz4-java");
        }

        private static ByteBuffer batch(CompressionCodec codec) {
            ProtocolWriter w = new ProtocolWriter(64);
            RecordBatchWriter writer = new RecordBatchWriter();
            writer.begin(w, codec, 1L);
            writer.append(1L, null, new byte[] {1, 2, 3}, List.of(new Header("h", null)));
            writer.end();
            return w.toByteBuffer();
        }

        private static List<KafkaRecord> readBack(ByteBuffer batch) {
            List<KafkaRecord> read = new ArrayList<>();
            RecordBatchReader.read(batch, "t", 0, 0, read::add);
            return read;
        }
    }

    /**
     * Loads io.hpkafka classes itself (child first), hides lz4-java and zstd-jni, delegates everything else: the
     * classpath of an application that did not add the optional jars.
     */
    private static final class WithoutOptionalCodecs extends ClassLoader {
        WithoutOptionalCodecs(ClassLoader parent) {
            super("without-optional-codecs", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("net.jpountz.") || name.startsWith("com.github.luben.")) {
                    throw new ClassNotFoundException(name + " is hidden from this test");
                }
                if (!name.startsWith("io.hpkafka.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
