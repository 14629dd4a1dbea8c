package io.hpkafka.config;

import io.hpkafka.internal.protocol.ApiKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The legacy compatibility modes: accepted, their pinned versions, and the codecs their formats cannot carry. */
class CompatibilityConfigurationTest {

    @Test
    void negotiateIsTheDefaultAndTheLegacyModesAreAccepted() {
        assertThat(Configuration.builder().seeds("h:1").build().compatibility()).isEqualTo(Compatibility.NEGOTIATE);
        for (Compatibility mode : Compatibility.values()) {
            for (CompressionCodec codec : new CompressionCodec[] {CompressionCodec.NONE, CompressionCodec.GZIP,
                    CompressionCodec.SNAPPY}) {
                assertThat(Configuration.builder().seeds("h:1").compatibility(mode).compressionCodec(codec).build()
                        .compatibility()).isEqualTo(mode);
            }
        }
        assertThat(Configuration.builder().seeds("h:1").compatibility(Compatibility.V0_10_1)
                .compressionCodec(CompressionCodec.LZ4).build().compressionCodec()).isEqualTo(CompressionCodec.LZ4);
    }

    @Test
    void codecsTheLegacyFormatsCannotCarryFailNamingTheOption() {
        assertThatThrownBy(() -> Configuration.builder().seeds("h:1").compatibility(Compatibility.V0_10_1)
                .compressionCodec(CompressionCodec.ZSTD).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'compressionCodec'");
        assertThatThrownBy(() -> Configuration.builder().seeds("h:1").compatibility(Compatibility.V0_8_2)
                .compressionCodec(CompressionCodec.LZ4).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'compressionCodec'");
    }

    @Test
    void eachModePinsTheVersionsOfItsKafkaRelease() {
        assertThat(versions(Compatibility.V0_8_2)).containsExactly(0, 0, 0, 0, -1);
        assertThat(versions(Compatibility.V0_10_1)).containsExactly(2, 3, 1, 2, 0);
        assertThat(versions(Compatibility.NEGOTIATE)).containsExactly(-1, -1, -1, -1, -1);
        assertThat(Compatibility.V0_8_2.messageFormat()).isEqualTo((byte) 0);
        assertThat(Compatibility.V0_10_1.messageFormat()).isEqualTo((byte) 1);
        assertThat(Compatibility.NEGOTIATE.messageFormat()).isEqualTo((byte) 2);
        for (Compatibility mode : new Compatibility[] {Compatibility.V0_8_2, Compatibility.V0_10_1}) {
            for (ApiKey api : ApiKey.values()) {
                short v = api.pinnedVersion(mode);
                if (v >= 0) { // every pinned version is one this client can write and read
                    assertThat(v).as("%s %s", mode, api).isBetween(api.lowestVersion(), api.maxVersion());
                }
            }
        }
    }

    private static int[] versions(Compatibility mode) {
        return new int[] {ApiKey.PRODUCE.pinnedVersion(mode), ApiKey.FETCH.pinnedVersion(mode),
                ApiKey.LIST_OFFSETS.pinnedVersion(mode), ApiKey.METADATA.pinnedVersion(mode),
                ApiKey.API_VERSIONS.pinnedVersion(mode)};
    }
}
