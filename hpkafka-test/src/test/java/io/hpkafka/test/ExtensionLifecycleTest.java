package io.hpkafka.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs small test classes in a nested JUnit engine and checks what the extension did with their clusters. (The
 * nested classes are static member classes, which Surefire does not run on its own.)
 */
class ExtensionLifecycleTest {

    static final AtomicReference<KafkaTestCluster> SEEN = new AtomicReference<>();

    @Test
    void closesAClassOwnClusterEvenWhenItsTestFails() {
        assumeEmbedded();
        execute(FailingClassWithOwnCluster.class).testEvents().assertStatistics(stats -> stats.started(1).failed(1));

        assertThat(SEEN.get()).isInstanceOf(EmbeddedKafkaCluster.class);
        assertThatThrownBy(SEEN.get()::bootstrapServers).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void closesASharedClusterWhenTheRunEnds() {
        assumeEmbedded();
        execute(ClassWithSharedCluster.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));

        assertThat(SEEN.get()).isInstanceOf(EmbeddedKafkaCluster.class);
        assertThatThrownBy(SEEN.get()::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failsTheClassOnAMalformedBrokerProperty() {
        execute(MisconfiguredClass.class).containerEvents().assertThatEvents().haveExactly(1,
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(text -> text.contains("key=value"))));
    }

    private static EngineExecutionResults execute(Class<?> testClass) {
        SEEN.set(null);
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    private static void assumeEmbedded() {
        Assumptions.assumeTrue(ExternalKafkaCluster.fromEnvironment().isEmpty(), "runs embedded clusters only");
    }

    @HpKafkaCluster(shared = false)
    static class FailingClassWithOwnCluster {
        @Test
        void fails(KafkaTestCluster cluster) {
            SEEN.set(cluster);
            throw new AssertionError("fails on purpose");
        }
    }

    // A property no other class uses, so that this nested run starts (and must close) its own shared cluster.
    @HpKafkaCluster(brokerProperties = "log.retention.hours=1")
    static class ClassWithSharedCluster {
        @Test
        void passes(KafkaTestCluster cluster) {
            SEEN.set(cluster);
        }
    }

    @HpKafkaCluster(brokerProperties = "log.retention.hours")
    static class MisconfiguredClass {
        @Test
        void neverRuns() {
        }
    }
}
