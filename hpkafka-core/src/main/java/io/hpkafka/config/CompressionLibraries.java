package io.hpkafka.config;


/**
 * Whether the library a codec needs is on the classpath. snappy-java is a dependency of hpkafka-core; lz4-java and
 * zstd-jni are optional ones that an application adds when it wants those codecs. Checked by class name, without
 * initializing the class (no native library is loaded), once per class loader.
 */
public final class CompressionLibraries {

    // Versions kafka-clients 4.1 depends on; named in the advice, kept in step with the root pom.
    private static final String LZ4_ARTIFACT = "at.yawk.lz4:lz4-java";
    private static final String LZ4_VERSION = "1.10.1";
    private static final String ZSTD_ARTIFACT = "com.github.luben:zstd-jni";
    private static final String ZSTD_VERSION = "1.5.6-10";
    private static final String SNAPPY_ARTIFACT = "org.xerial.snappy:snappy-java";

    private static final boolean SNAPPY = present("org.xerial.snappy.Snappy");
    private static final boolean LZ4 = present("net.jpountz.lz4.LZ4Factory");
    private static final boolean ZSTD = present("com.github.luben.zstd.ZstdCompressCtx");

    private CompressionLibraries() {
    }

    /** @return whether {@code codec} can be used: always for NONE and GZIP (the JDK's zlib) */
    public static boolean isAvailable(CompressionCodec codec) {
        return switch (codec) {
            case NONE, GZIP -> true;
            case SNAPPY -> SNAPPY;
            case LZ4 -> LZ4;
            case ZSTD -> ZSTD;
        };
    }

    /**
     * @return the Maven coordinates ({@code groupId:artifactId}) of the library {@code codec} needs, or {@code null}
     *         for NONE and GZIP
     */
    public static String artifact(CompressionCodec codec) {
        return switch (codec) {
            case NONE, GZIP -> null;
            case SNAPPY -> SNAPPY_ARTIFACT;
            case LZ4 -> LZ4_ARTIFACT;
            case ZSTD -> ZSTD_ARTIFACT;
        };
    }

    /**
     * @return what to tell a user whose classpath lacks {@code codec}'s library: the artifact to add, and the version
     *         the Java client uses
     * @throws IllegalArgumentException for NONE and GZIP, which need no library
     */
    public static String missingLibraryMessage(CompressionCodec codec) {
        return switch (codec) {
            case NONE, GZIP -> throw new IllegalArgumentException(codec + " needs no library");
            case SNAPPY -> "SNAPPY needs " + SNAPPY_ARTIFACT + " on the classpath; it is a dependency of hpkafka-core,"
                    + " so check that the build does not exclude it";
            case LZ4 -> optionalMessage(codec, LZ4_ARTIFACT, LZ4_VERSION);
            case ZSTD -> optionalMessage(codec, ZSTD_ARTIFACT, ZSTD_VERSION);
        };
    }

    private static String optionalMessage(CompressionCodec codec, String artifact, String version) {
        return codec + " needs " + artifact + " on the classpath, an optional dependency of hpkafka-core: add "
                + artifact + ":" + version + " (the version kafka-clients 4.1 uses) to the application's dependencies";
    }

    /** @return whether {@code className} can be loaded by the class loader that loaded hpkafka */
    public static boolean present(String className) {
        try {
            Class.forName(className, false, CompressionLibraries.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
