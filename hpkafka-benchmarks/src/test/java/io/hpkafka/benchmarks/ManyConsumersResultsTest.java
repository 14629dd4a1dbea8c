package io.hpkafka.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumers workload's child JVMs hand their runs back in a file: what goes in comes out. No broker. */
class ManyConsumersResultsTest {

    @Test
    void runsSurviveTheFileBetweenTheChildAndTheHarness(@TempDir Path dir) throws Exception {
        Map<String, Long> threads = new TreeMap<>(Map.of("hpkafka-io-bench / x=y", 123L, "hpkafka-worker", 456L));
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("fetch_requests", 42.0);
        extra.put("records_per_fetch", 1234.5);
        RunResult run = new RunResult("consumers", ManyConsumersWorkload.manyConfig(4),
                ManyConsumersWorkload.Mode.PER_CONSUMER.label, 2, 8_800_000, 880_000_000,
                new ResourceMeter.Usage(1_500_000_000L, 2_000_000_000L, 1_000_000_000L, 1_760_000_000L, 3, 17, -1, 30_000_000L, 20_000_000L,
                        threads), extra);
        RunResult other = new RunResult("consumers", ManyConsumersWorkload.ALONE,
                ManyConsumersWorkload.Mode.COMBINED.label, 1, 10, 1000,
                new ResourceMeter.Usage(1, 2, 3, 4, 0, 0, 5, -1, -1, Map.of()), Map.of());
        Path file = dir.resolve("runs.properties");

        ManyConsumersWorkload.write(file, List.of(run, other));

        assertThat(ManyConsumersWorkload.read(file)).containsExactly(run, other);
    }
}
