package io.hpkafka.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** Points an {@link ExternalKafkaCluster} at the shared embedded cluster, as a CI job would at its own broker. */
@HpKafkaCluster
class ExternalKafkaClusterTest {

    @Test
    void createsTopicsThroughTheAdminClient(KafkaTestCluster embedded) throws Exception {
        ExtensionInjectionTest.FIRST_SHARED_SINGLE_BROKER.compareAndSet(null, embedded);
        assertThat(embedded).isSameAs(ExtensionInjectionTest.FIRST_SHARED_SINGLE_BROKER.get());

        try (ExternalKafkaCluster external = new ExternalKafkaCluster(embedded.bootstrapServers())) {
            assertThat(external.bootstrapServers()).isEqualTo(embedded.bootstrapServers());
            assertThat(external.brokerIds()).isEqualTo(embedded.brokerIds());

            String topic = TestClients.unique("external-topic");
            external.createTopic(topic, 3, 1, Map.of("cleanup.policy", "compact"));

            try (Admin admin = TestClients.admin(embedded)) {
                TopicDescription description = TestClients.describe(admin, topic);
                assertThat(description.partitions()).hasSize(3)
                        .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                assertThat(admin.describeConfigs(List.of(resource)).all().get(15, TimeUnit.SECONDS).get(resource)
                        .get("cleanup.policy").value()).isEqualTo("compact");
            }
        }
    }

    @Test
    void refusesBrokerControl() {
        try (ExternalKafkaCluster external = new ExternalKafkaCluster("127.0.0.1:1")) {
            assertThat(external.supportsBrokerControl()).isFalse();
            assertThatThrownBy(() -> external.stopBroker(0))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining(ExternalKafkaCluster.BOOTSTRAP_SERVERS_ENV)
                    .hasMessageContaining("assumeBrokerControl");
            assertThatThrownBy(() -> external.startBroker(0)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> new ExternalKafkaCluster(" ")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readsTheEnvironmentVariable() {
        String servers = System.getenv(ExternalKafkaCluster.BOOTSTRAP_SERVERS_ENV);
        if (servers == null || servers.isBlank()) {
            assertThat(ExternalKafkaCluster.fromEnvironment()).isEmpty();
        } else {
            assertThat(ExternalKafkaCluster.fromEnvironment()).get()
                    .extracting(ExternalKafkaCluster::bootstrapServers).isEqualTo(servers.trim());
        }
    }
}
