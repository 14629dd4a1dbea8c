package io.hpkafka.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@HpKafkaCluster
class ExtensionInjectionTest {

    /** The first shared one-broker cluster any class of this run saw; see {@link #sharesTheClusterAcrossClasses}. */
    static final AtomicReference<KafkaTestCluster> FIRST_SHARED_SINGLE_BROKER = new AtomicReference<>();

    private static KafkaTestCluster staticField;
    private static KafkaTestCluster fromBeforeAll;

    private KafkaTestCluster instanceField;
    private final KafkaTestCluster fromConstructor;
    private KafkaTestCluster fromBeforeEach;

    ExtensionInjectionTest(KafkaTestCluster cluster) {
        this.fromConstructor = cluster;
    }

    @BeforeAll
    static void beforeAll(KafkaTestCluster cluster) {
        // Static fields are injected before @BeforeAll methods run.
        assertThat(staticField).isSameAs(cluster);
        fromBeforeAll = cluster;
    }

    @BeforeEach
    void beforeEach(KafkaTestCluster cluster) {
        fromBeforeEach = cluster;
    }

    @Test
    void injectsOneClusterEverywhere(KafkaTestCluster parameter) {
        assertThat(parameter).isNotNull();
        assertThat(staticField).isSameAs(parameter);
        assertThat(fromBeforeAll).isSameAs(parameter);
        assertThat(instanceField).isSameAs(parameter);
        assertThat(fromConstructor).isSameAs(parameter);
        assertThat(fromBeforeEach).isSameAs(parameter);
        assertThat(parameter.bootstrapServers()).isNotBlank();
    }

    @Test
    void sharesTheClusterAcrossClasses(KafkaTestCluster cluster) {
        // Same settings as ExternalKafkaClusterTest and SingleBrokerTest: one cluster for all, whichever runs first.
        FIRST_SHARED_SINGLE_BROKER.compareAndSet(null, cluster);
        assertThat(cluster).isSameAs(FIRST_SHARED_SINGLE_BROKER.get());
    }

    @Test
    void anEmbeddedClusterOffersBrokerControl(KafkaTestCluster cluster) {
        HpKafkaClusterExtension.assumeBrokerControl(cluster);
        assertThat(cluster).isInstanceOf(EmbeddedKafkaCluster.class);
        assertThat(cluster.brokerIds()).containsExactly(0);
    }

    @Nested
    class NestedClass {
        private KafkaTestCluster nestedField;

        @Test
        void usesTheEnclosingClassCluster(KafkaTestCluster cluster) {
            assertThat(cluster).isSameAs(staticField);
            assertThat(nestedField).isSameAs(staticField);
        }
    }
}
