package io.hpkafka.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a Kafka cluster, through {@link HpKafkaClusterExtension}.
 *
 * <pre>{@code
 * @HpKafkaCluster(brokers = 3, brokerProperties = "auto.create.topics.enable=false")
 * class FailoverTest {
 *     static KafkaTestCluster kafka;          // injected before @BeforeAll methods run
 *
 *     @Test
 *     void leaderMoves(KafkaTestCluster cluster) {   // or as a parameter
 *         HpKafkaClusterExtension.assumeBrokerControl(cluster);
 *         cluster.createTopic("t", 1, 3);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p><b>Which cluster.</b> If the environment variable {@value ExternalKafkaCluster#BOOTSTRAP_SERVERS_ENV} is set,
 * every annotated class gets the same {@link ExternalKafkaCluster}; a class asking for more brokers than it has is
 * skipped (aborted), and {@link #brokerProperties()} are ignored. Otherwise the class gets an
 * {@link EmbeddedKafkaCluster} with {@link #brokers()} brokers and the given properties.
 *
 * <p><b>Injection rule.</b> The cluster is injected into every non-final field whose declared type is exactly
 * {@link KafkaTestCluster}, of any visibility, in the test class and its superclasses: static fields before the
 * class's {@code @BeforeAll} methods run, instance fields right after each test instance is created. Final fields
 * are left alone (assign them from a constructor parameter). The cluster is also resolved for every constructor,
 * test method and lifecycle method parameter of type {@link KafkaTestCluster}.
 *
 * <p><b>Lifetime and sharing.</b> With {@link #shared()} true (the default) an embedded cluster is kept for the
 * whole test run and reused by every class in the same JVM that asks for the same broker count and properties; it
 * is closed when JUnit finishes (a failure in any class still closes it, through the root extension store). Before
 * a shared cluster is handed to the next class, brokers a previous class left stopped are started again. With
 * {@code shared = false} the class gets its own cluster, closed after its last test. {@code @Nested} classes use
 * their enclosing class's cluster.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(HpKafkaClusterExtension.class)
public @interface HpKafkaCluster {

    /**
     * The number of brokers of an embedded cluster. Default 1.
     *
     * @return at least 1
     */
    int brokers() default 1;

    /**
     * Server properties for every node of an embedded cluster, each as {@code "key=value"} (split at the first
     * {@code '='}), e.g. {@code "auto.create.topics.enable=false"}. Default none. A malformed entry or a key the
     * cluster manages fails the class with an {@code ExtensionConfigurationException}.
     *
     * @return the properties
     */
    String[] brokerProperties() default {};

    /**
     * Whether classes with the same settings may share one embedded cluster for the whole run. Default true; set
     * false for a class that changes the cluster in ways others should not see.
     *
     * @return true to share
     */
    boolean shared() default true;
}
