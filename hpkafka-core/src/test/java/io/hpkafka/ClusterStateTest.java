package io.hpkafka;

import io.hpkafka.config.Configuration;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.stats.ClusterState;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ClusterClient#clusterState()} against a real broker: nothing before the first answer, then the broker. */
@HpKafkaCluster
class ClusterStateTest {

    @Test
    void aNewClientKnowsNoBrokerAndHasHadNoAnswer(KafkaTestCluster kafka) {
        try (ClusterClient client = new ClusterClient(config(kafka, "cluster-state-new"))) {
            ClusterState state = client.clusterState();

            assertThat(state.brokers()).isEmpty();
            assertThat(state.metadataAgeMs()).isEqualTo(ClusterState.NEVER);
            assertThat(state.lastResponseAgeMs()).isEqualTo(ClusterState.NEVER);
            assertThat(state.answeredWithin(Long.MAX_VALUE)).isFalse();
        }
    }

    @Test
    void afterAProducedRecordTheBrokerIsListedConnectedWithRecentAnswersAndMetadata(KafkaTestCluster kafka)
            throws Exception {
        kafka.createTopic("cluster-state", 1, 1);
        try (ClusterClient client = new ClusterClient(config(kafka, "cluster-state-used"))) {
            client.send(new ProducerRecord("cluster-state", 0, null, "v".getBytes(StandardCharsets.UTF_8),
                    java.util.List.of(), ProducerRecord.NO_TIMESTAMP))
                    .get(60, TimeUnit.SECONDS);

            ClusterState state = client.clusterState();

            String[] seed = kafka.bootstrapServers().split(",")[0].split(":");
            assertThat(state.brokers()).singleElement().satisfies(broker -> {
                assertThat(broker.nodeId()).isZero();
                assertThat(broker.host()).isEqualTo(seed[0]);
                assertThat(broker.port()).isEqualTo(Integer.parseInt(seed[1]));
                assertThat(broker.connected()).isTrue();
                assertThat(broker.lastResponseAgeMs()).isBetween(0L, 60_000L);
            });
            assertThat(state.metadataAgeMs()).isBetween(0L, 60_000L);
            assertThat(state.lastResponseAgeMs()).isBetween(0L, state.brokers().get(0).lastResponseAgeMs());
            assertThat(state.answeredWithin(60_000)).isTrue();
        }
    }

    private static Configuration config(KafkaTestCluster kafka, String clientId) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId(clientId).build();
    }
}
