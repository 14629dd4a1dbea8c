package io.hpkafka.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationTest {

    @Test
    void defaultsFollowTheSeedDriver() {
        Configuration c = Configuration.builder().seeds("localhost:9092").build();
        assertThat(c.messageTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.refreshMetadataInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.errorStrategy()).isEqualTo(ErrorStrategy.DISCARD);
        assertThat(c.produceBufferingTime()).isEqualTo(Duration.ofMillis(5000));
        assertThat(c.produceBatchSize()).isEqualTo(200);
        assertThat(c.batchStrategy()).isEqualTo(BatchStrategy.BY_NODE);
        assertThat(c.compressionCodec()).isEqualTo(CompressionCodec.NONE);
        assertThat(c.numberOfMessagesBeforeRoundRobin()).isEqualTo(1);
        assertThat(c.sendBufferSize()).isEqualTo(100 * 1024);
        assertThat(c.receiveBufferSize()).isEqualTo(64 * 1024);
        assertThat(c.requiredAcks()).isEqualTo(RequiredAcks.ALL_IN_SYNC_REPLICAS);
        assertThat(c.minInSyncReplicas()).isEqualTo(-1);
        assertThat(c.retryIfNotEnoughReplicasAfterAppend()).isFalse();
        assertThat(c.requestTimeoutMs()).isEqualTo(10_000);
        assertThat(c.clientRequestTimeoutMs()).isEqualTo(20_000);
        assertThat(c.maxInFlightRequests()).isEqualTo(5);
        assertThat(c.maximumConcurrency()).isEqualTo(3);
        assertThat(c.maxBufferedMessages()).isEqualTo(-1);
        assertThat(c.overflowStrategy()).isEqualTo(OverflowStrategy.BLOCK);
        assertThat(c.fetchMaxWaitTimeMs()).isEqualTo(100);
        assertThat(c.fetchMinBytes()).isEqualTo(1);
        assertThat(c.fetchMessageMaxBytes()).isEqualTo(1024 * 1024);
        assertThat(c.consumeBufferingTime()).isEqualTo(Duration.ofMillis(1000));
        assertThat(c.consumeBatchSize()).isEqualTo(10);
    }

    @Test
    void seedsAreParsedInOrderIncludingIpv6Literals() {
        Configuration c = Configuration.builder().seeds(" b1:9092, [::1]:9093 ,10.0.0.1:19092").build();
        assertThat(c.seeds()).containsExactly(new BrokerAddress("b1", 9092), new BrokerAddress("::1", 9093),
                new BrokerAddress("10.0.0.1", 19092));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ",", "localhost", "host:", ":9092", "host:notaport", "host:0", "host:70000",
            "two words:9092"})
    void malformedSeedsFailNamingTheOption(String seeds) {
        assertThatThrownBy(() -> Configuration.builder().seeds(seeds).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'seeds'")
                .extracting(e -> ((InvalidConfigurationException) e).option()).isEqualTo("seeds");
    }

    @Test
    void outOfRangeNumbersFailNamingTheOption() {
        for (var c : List.<java.util.function.Consumer<Configuration.Builder>>of(
                b -> b.produceBatchSize(-1), b -> b.maxInFlightRequests(0), b -> b.fetchMessageMaxBytes(0),
                b -> b.messageTtl(Duration.ZERO), b -> b.produceBufferingTime(Duration.ofMillis(-1)))) {
            Configuration.Builder b = Configuration.builder().seeds("localhost:9092");
            c.accept(b);
            assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class);
        }
        assertThatThrownBy(() -> Configuration.builder().seeds("h:1").produceBatchSize(-5).build())
                .hasMessageContaining("'produceBatchSize'").hasMessageContaining("-5");
    }

    @Test
    void maxRequestSizeDefaultsToKafkaClientsMaxRequestSizeAndMustHoldABatchHeaderAndARecord() {
        assertThat(Configuration.builder().seeds("h:1").build().maxRequestSizeBytes()).isEqualTo(1_048_576);
        assertThat(Configuration.builder().seeds("h:1").maxRequestSizeBytes(Configuration.MIN_REQUEST_SIZE).build()
                .toBuilder().build().maxRequestSizeBytes()).isEqualTo(Configuration.MIN_REQUEST_SIZE);
        assertThatThrownBy(() -> Configuration.builder().seeds("h:1").maxRequestSizeBytes(100).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'maxRequestSizeBytes'").hasMessageContaining("100");
    }

    @Test
    void clientTimeoutMustExceedTheBrokerTimeout() {
        assertThatThrownBy(() -> Configuration.builder().seeds("h:1").requestTimeoutMs(5000)
                .clientRequestTimeoutMs(5000).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'clientRequestTimeoutMs'");
    }
}
