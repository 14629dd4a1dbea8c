package io.hpkafka.internal.producer;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys land where the official Java client puts them. */
class PartitionerTest {

    @Test
    void murmur2MatchesTheJavaClientForEveryTailLength() {
        Random random = new Random(42);
        for (int len = 0; len < 64; len++) {
            for (int round = 0; round < 50; round++) {
                byte[] key = new byte[len];
                random.nextBytes(key);
                assertThat(Partitioner.murmur2(key)).isEqualTo(Utils.murmur2(key));
                for (int partitions : new int[] {1, 3, 6, 12, 100}) {
                    assertThat(Partitioner.partitionForKey(key, partitions))
                            .isEqualTo(Utils.toPositive(Utils.murmur2(key)) % partitions);
                }
            }
        }
        assertThat(Partitioner.murmur2("order-000042".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Utils.murmur2("order-000042".getBytes(StandardCharsets.UTF_8)));
    }
}
