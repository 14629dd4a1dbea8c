package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.hpkafka.internal.protocol.message.Oracle.kafkaRead;
import static io.hpkafka.internal.protocol.message.Oracle.ourBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** A consumer group's offset retention reaches the broker where OffsetCommit carries it (v2-v4), per kafka-clients. */
class OffsetCommitRetentionTest {

    static Stream<Short> versions() {
        return Oracle.versions(ApiKey.OFFSET_COMMIT);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void retentionIsWrittenUpToV4AndDroppedAfter(short v) {
        OffsetCommitRequest ours = new OffsetCommitRequest("g", 3, "m", null, List.of(new OffsetCommitRequest.Topic(
                "t", List.of(new OffsetCommitRequest.Partition(0, 10L, -1, null)))), 86_400_000L);
        OffsetCommitRequestData k = kafkaRead(OffsetCommitRequestData.class, ourBytes(ours, v), v);
        assertThat(k.retentionTimeMs()).isEqualTo(v <= 4 ? 86_400_000L : -1L);
        assertThat(k.topics().get(0).partitions().get(0).committedOffset()).isEqualTo(10L);
    }
}
