package io.hpkafka.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.proxy.FaultProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing a client whose idle group member can no longer reach its coordinator (the broker's proxy refuses
 * connections and has cut the open ones, as after a kill -9): the commit on close and the LeaveGroup are bounded by
 * a few seconds, not by the rebalance timeout plus a request timeout (40 s with the defaults), so a pod stops
 * before Kubernetes kills it.
 */
class CloseWithBrokerGoneTest {

    /** Well under Kubernetes' 30 s grace period and the Spring listener's 10 s shutdown timeout. */
    private static final long CLOSE_BOUND_MS = 9_000;

    @Test
    void closingAClientWhoseGroupCoordinatorIsUnreachableReturnsWithinAFewSeconds() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().faultProxies().build().start()) {
            FaultProxy proxy = kafka.faultProxy(kafka.brokerIds().get(0));
            String topic = "close-gone";
            kafka.createTopic(topic, 1, 1);
            AtomicInteger assigned = new AtomicInteger();
            AtomicInteger received = new AtomicInteger();
            // Default client and group settings but the seed: the bound asserted is the one users get.
            ClusterClient client = new ClusterClient(Configuration.builder().seeds(proxy.address())
                    .clientId("close-gone").build());
            try {
                client.onPartitionsAssigned(e -> assigned.addAndGet(e.partitions().size()));
                client.onMessageReceived(r -> received.incrementAndGet());
                client.subscribe("close-gone-group", List.of(topic), ConsumerGroupConfiguration.builder()
                        .defaultOffset(DefaultOffset.EARLIEST).autoCommitEveryMs(0).build());
                await().atMost(30, TimeUnit.SECONDS).until(() -> assigned.get() == 1);
                client.produce(topic, new byte[0], "one".getBytes(), 0); // processed, not yet committed
                await().atMost(30, TimeUnit.SECONDS).until(() -> received.get() == 1);

                proxy.refuseConnections(true);
                proxy.cutConnections();
                Thread.sleep(5_000); // idle past a heartbeat: the coordinator is forgotten and looked up again, as in the report

                long start = System.nanoTime();
                client.close();
                long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.printf("CLOSE-GONE closed in %d ms%n", closeMs);
                assertThat(closeMs).as("close with the broker gone, ms").isLessThan(CLOSE_BOUND_MS);
            } finally {
                client.close(Duration.ZERO); // harmless once closed
                proxy.refuseConnections(false);
            }
        }
    }
}
