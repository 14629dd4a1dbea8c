package io.hpkafka.boot.autoconfigure.listener;

import java.util.concurrent.TimeUnit;

import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.test.EmbeddedKafkaCluster;
import io.hpkafka.test.proxy.FaultProxy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the context of an idle group listener whose broker is gone (its proxy refuses connections and has cut
 * the open ones, as after a kill -9) takes a few seconds with the default settings, within the listener's 10 s
 * shutdown timeout and Kubernetes' 30 s grace period, rather than the 50 s the commit and LeaveGroup used to hold it.
 */
class HpKafkaListenerShutdownTests {

    @Test
    void anIdleListenerWhoseBrokerIsGoneStopsWithinTheShutdownTimeout() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().faultProxies().build().start()) {
            FaultProxy proxy = kafka.faultProxy(kafka.brokerIds().get(0));
            kafka.createTopic("shutdown.gone", 1, 1);
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
                .withPropertyValues("hpkafka.seeds=" + proxy.address(), "hpkafka.consumer.default-offset=earliest")
                .withBean(IdleListener.class)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    HpKafkaListenerContainer container = context.getBean(HpKafkaListenerEndpointRegistry.class)
                        .getListenerContainer("idle");
                    await().atMost(ListenerTestSupport.TIMEOUT)
                        .until(() -> container.getAssignedPartitions().size() == 1);
                    proxy.refuseConnections(true);
                    proxy.cutConnections();
                    Thread.sleep(5_000); // idle past a heartbeat: the coordinator is being looked up again

                    long start = System.nanoTime();
                    context.close();
                    long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertThat(stopMs).as("context stop with the broker gone, ms").isLessThan(9_000);
                });
        }
    }

    static class IdleListener {

        @HpKafkaListener(id = "idle", topics = "shutdown.gone", groupId = "shutdown.gone")
        void onRecord(String value) {
        }

    }

}
