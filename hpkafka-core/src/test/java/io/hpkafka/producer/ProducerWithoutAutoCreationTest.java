package io.hpkafka.producer;

import io.hpkafka.ClusterClient;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A topic that does not exist, on a broker that does not create topics: the records expire, saying why. */
@HpKafkaCluster(brokerProperties = "auto.create.topics.enable=false")
class ProducerWithoutAutoCreationTest {

    @Test
    void recordsForAMissingTopicExpireWithinTheTtlNamingTheError(KafkaTestCluster kafka) {
        ProducerTest.Accounting accounting = new ProducerTest.Accounting();
        long start = System.nanoTime();
        try (ClusterClient client = new ClusterClient(ProducerTest.config(kafka)
                .messageTtl(Duration.ofSeconds(2)).build())) {
            accounting.attach(client);
            for (int i = 0; i < 10; i++) {
                client.produce("no-such-topic", null, new byte[] {(byte) i});
            }
            await().atMost(20, TimeUnit.SECONDS).until(() -> accounting.total() == 10);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        accounting.assertEveryRecordAccountedOnce(10);
        assertThat(accounting.expired).hasSize(10)
                .allSatisfy(e -> assertThat(e.lastError()).contains("UNKNOWN_TOPIC_OR_PARTITION"));
    }
}
