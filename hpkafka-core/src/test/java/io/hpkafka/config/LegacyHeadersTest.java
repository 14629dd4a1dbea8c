package io.hpkafka.config;

import io.hpkafka.ClusterClient;
import io.hpkafka.record.Header;
import io.hpkafka.producer.DiscardReason;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Records with headers cannot be written as legacy message sets: each is refused alone, before any network. */
class LegacyHeadersTest {

    @Test
    void aRecordWithHeadersIsRefusedInALegacyModeAndOthersAreNot() {
        List<ProduceDiscarded> discarded = new CopyOnWriteArrayList<>();
        Configuration config = Configuration.builder().seeds("127.0.0.1:1").compatibility(Compatibility.V0_10_1)
                .requestTimeoutMs(200).clientRequestTimeoutMs(400).messageTtl(Duration.ofMillis(500)).build();
        try (ClusterClient client = new ClusterClient(config)) {
            client.onDiscarded(discarded::add);
            boolean withHeaders = client.produce(new ProducerRecord("t", 0, null, new byte[] {1},
                    List.of(new Header("trace", new byte[] {2})), ProducerRecord.NO_TIMESTAMP));
            boolean without = client.produce("t", null, new byte[] {3});
            assertThat(withHeaders).isFalse();
            assertThat(without).isTrue();
            client.close(Duration.ofSeconds(10));
        }
        assertThat(discarded).filteredOn(d -> d.reason() == DiscardReason.INVALID_RECORD).singleElement()
                .satisfies(d -> assertThat(d.error()).contains("V0_10_1").contains("no headers"));
    }
}
