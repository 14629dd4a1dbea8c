package io.hpkafka.benchmarks;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness's argument parsing only: no broker, no timing, nothing measured. */
class BenchmarkOptionsTest {

    @Test
    void noArgumentsGiveTheDefaultSetAgainstABrokerProcess() {
        BenchmarkOptions o = BenchmarkOptions.parse();
        assertThat(o.bootstrap()).isNull();
        assertThat(o.records()).isEqualTo(2_000_000);
        assertThat(o.clients()).containsExactly("hpkafka", "kafka-clients");
        assertThat(o.recordSize()).isEqualTo(100);
        assertThat(o.partitions()).isEqualTo(6);
        assertThat(o.repetitions()).isEqualTo(3);
        assertThat(o.workloads()).containsExactly("ceiling", "producer", "consumer", "latency", "listener");
        assertThat(o.runs("consumers")).isFalse();
        assertThat(o.consumers()).isEqualTo(4);
        assertThat(o.childJvmOptions()).isEmpty();
        assertThat(o.awaitQuietSeconds()).isZero();
        assertThat(o.codecs()).containsExactly("none", "snappy", "lz4", "zstd", "gzip");
        assertThat(o.output()).isNull();
    }

    @Test
    void theDefaultMatrixRunsEveryCodecAtAcksOneAndNoneAtAcksAll() {
        assertThat(BenchmarkOptions.parse().producerMatrix()).extracting(s -> s[0] + " " + s[1]).containsExactly(
                "1 none", "1 snappy", "1 lz4", "1 zstd", "1 gzip", "all none");
        assertThat(BenchmarkOptions.parse("--full-matrix").producerMatrix()).hasSize(10);
    }

    @Test
    void optionsTakeSeparateOrEqualsValues() {
        BenchmarkOptions o = BenchmarkOptions.parse("--bootstrap", "broker:9092", "--records=500000", "--clients", "hpkafka",
                "--workloads", "consumer,producer", "--codecs=GZIP,none", "--output", "/tmp/x", "--rate", "5000");
        assertThat(o.bootstrap()).isEqualTo("broker:9092");
        assertThat(o.records()).isEqualTo(500_000);
        assertThat(o.uses("kafka-clients")).isFalse();
        // canonical order, whatever order was typed
        assertThat(o.workloads()).isEqualTo(List.of("producer", "consumer"));
        assertThat(o.codecs()).isEqualTo(List.of("none", "gzip"));
        assertThat(o.output()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.rate()).isEqualTo(5000);
        assertThat(o.runs("latency")).isFalse();
    }

    @Test
    void theConsumersWorkloadRunsOnlyWhenNamedWithItsOwnOptions() {
        BenchmarkOptions o = BenchmarkOptions.parse("--workloads", "consumers,consumer", "--consumers", "8",
                "--consumers-jvm-options", " -XX:+FlightRecorder  -XX:StartFlightRecording=filename=/tmp/c.jfr ");
        assertThat(o.workloads()).containsExactly("consumer", "consumers");
        assertThat(o.consumers()).isEqualTo(8);
        assertThat(o.childJvmOptions()).containsExactly("-XX:+FlightRecorder",
                "-XX:StartFlightRecording=filename=/tmp/c.jfr");
        assertThat(BenchmarkOptions.parse("--consumers=2").consumers()).isEqualTo(2);
        assertThat(BenchmarkOptions.parse("--await-quiet-seconds", "600").awaitQuietSeconds()).isEqualTo(600);
        assertThatThrownBy(() -> BenchmarkOptions.parse("--await-quiet-seconds", "-1"))
                .hasMessageContaining("--await-quiet-seconds must be 0 or more");
        // forLargeRecords keeps the rest
        assertThat(o.forLargeRecords().consumers()).isEqualTo(8);
        assertThat(o.forLargeRecords().childJvmOptions()).isEqualTo(o.childJvmOptions());
        assertThatThrownBy(() -> BenchmarkOptions.parse("--consumers", "0"))
                .hasMessageContaining("--consumers must be positive");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--consumers", "four"))
                .hasMessageContaining("--consumers must be a number");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--workloads", "consumerz"))
                .hasMessageContaining("'consumerz' is not one of");
    }

    @Test
    void hpkafkaBatchRecordsMatchOneFullPeerBatchPerPartition() {
        assertThat(BenchmarkOptions.parse().hpkafkaBatchRecords()).isEqualTo(65_536 / 110 * 6);
        assertThat(BenchmarkOptions.parse("--hp-batch-records", "1000").hpkafkaBatchRecords()).isEqualTo(1000);
    }

    @Test
    void badOptionsNameThemselves() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--records", "0"))
                .hasMessageContaining("--records must be positive");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--records", "many"))
                .hasMessageContaining("--records must be a number");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--codecs", "brotli"))
                .hasMessageContaining("'brotli' is not one of");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--frobnicate", "1"))
                .hasMessageContaining("unknown option --frobnicate");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--records"))
                .hasMessageContaining("--records needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse("records"))
                .hasMessageContaining("unexpected argument 'records'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--help"))
                .isInstanceOf(BenchmarkOptions.HelpRequested.class);
        assertThatThrownBy(() -> BenchmarkOptions.parse("--bogus"))
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--partitions", "9999999999"))
                .hasMessageContaining("--partitions must be at most 2147483647");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--linger-ms", "-1"))
                .hasMessageContaining("--linger-ms must be 0 or more");
        assertThat(BenchmarkOptions.parse("--large-records", "0").largeRecords()).isZero();
    }
}
