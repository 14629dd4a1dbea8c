package io.hpkafka.internal.cluster;

import io.hpkafka.testing.InMemoryConnections;
import io.hpkafka.testing.ManualTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata manager with a manual clock and an in-memory broker: the list of every topic leaves the internal ones
 * out and does not make the client track the topics it lists. Against a real broker in {@code ConsumerControlTest}
 * and {@code UnreachableBrokerTest}.
 */
class MetadataManagerTest {

    private final ManualTime time = new ManualTime();
    private final InMemoryConnections network = new InMemoryConnections().topic("orders", 3).topic("audit", 1)
            .internalTopic("__consumer_offsets", 50);
    private final MetadataManager metadata = new MetadataManager(network, time, time, 1000, 60_000);

    @Test
    void topicNamesListsEveryTopicButTheInternalOnesWithoutTrackingThem() {
        assertThat(metadata.topicNames().join()).containsExactlyInAnyOrder("orders", "audit");
        assertThat(metadata.current().topic("orders")).as("not merged into the tracked metadata").isNull();

        metadata.refresh("audit").join();
        assertThat(metadata.topicNames().join()).containsExactlyInAnyOrder("orders", "audit");
        assertThat(metadata.current().topic("audit")).isNotNull();
        assertThat(metadata.current().topic("orders")).isNull();
    }
}
