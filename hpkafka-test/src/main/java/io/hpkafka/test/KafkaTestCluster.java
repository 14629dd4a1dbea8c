package io.hpkafka.test;

import java.util.List;
import java.util.Map;

/**
 * A Kafka cluster that a test talks to: either brokers started in this JVM ({@link EmbeddedKafkaCluster}) or a
 * cluster that runs elsewhere ({@link ExternalKafkaCluster}, chosen by the environment variable
 * {@value ExternalKafkaCluster#BOOTSTRAP_SERVERS_ENV}).
 *
 * <p>Implementations are thread-safe.
 */
public interface KafkaTestCluster extends AutoCloseable {

    /**
     * The value for a client's {@code bootstrap.servers}: comma-separated {@code host:port} pairs.
     *
     * <p>For an embedded cluster the list names every broker, stopped ones included, and does not change during
     * the cluster's life (a restarted broker keeps its port).
     *
     * @return the bootstrap servers, never empty
     * @throws IllegalStateException if the cluster is not started or already closed
     */
    String bootstrapServers();

    /**
     * Creates a topic with the broker's default topic configuration.
     *
     * @see #createTopic(String, int, int, Map)
     */
    default void createTopic(String name, int partitions, int replicationFactor) {
        createTopic(name, partitions, replicationFactor, Map.of());
    }

    /**
     * Creates a topic and waits until it is usable: every partition has a leader that is visible in the
     * metadata of all running brokers ({@link ExternalKafkaCluster}: in the metadata the Admin client sees), so a
     * client that connects right after this call finds the leaders.
     *
     * @param name              the topic name
     * @param partitions        the number of partitions, at least 1
     * @param replicationFactor the number of replicas of each partition, at least 1 and at most the number of
     *                          running brokers
     * @param topicConfigs      topic-level configuration, e.g. {@code max.message.bytes}; may be empty
     * @throws IllegalArgumentException if an argument is out of range
     * @throws KafkaTestClusterException if the broker rejects the topic (it exists already, a config is invalid,
     *                                   not enough brokers) or it is not ready within the cluster's timeout
     * @throws IllegalStateException if the cluster is not started or already closed
     */
    void createTopic(String name, int partitions, int replicationFactor, Map<String, String> topicConfigs);

    /**
     * The ids of the cluster's brokers in ascending order. An embedded cluster lists stopped brokers too; an
     * external cluster lists the brokers its metadata names now.
     *
     * @return the broker ids, never empty
     * @throws KafkaTestClusterException if an external cluster cannot be asked
     */
    List<Integer> brokerIds();

    /**
     * Stops one broker (controlled shutdown: its partition leaderships move to other in-sync replicas first) and
     * waits until the other running brokers no longer count it as alive. Stopping a stopped broker does nothing.
     *
     * @param brokerId one of {@link #brokerIds()}
     * @throws UnsupportedOperationException if {@link #supportsBrokerControl()} is false
     * @throws IllegalArgumentException if there is no broker with that id
     * @throws KafkaTestClusterException if the broker fails to stop in time
     */
    void stopBroker(int brokerId);

    /**
     * Starts a broker stopped by {@link #stopBroker(int)} again, with the same id, port and log directories, and
     * waits until it is registered, unfenced, and seen as alive by every running broker. Its replicas then catch
     * up and rejoin the ISR asynchronously. Starting a running broker does nothing.
     *
     * @param brokerId one of {@link #brokerIds()}
     * @throws UnsupportedOperationException if {@link #supportsBrokerControl()} is false
     * @throws IllegalArgumentException if there is no broker with that id
     * @throws KafkaTestClusterException if the broker is not back within the cluster's timeout
     */
    void startBroker(int brokerId);

    /**
     * Whether {@link #stopBroker(int)} and {@link #startBroker(int)} work. Tests that need them should call
     * {@link HpKafkaClusterExtension#assumeBrokerControl(KafkaTestCluster)}, so they are skipped, not failed, on an
     * external cluster.
     *
     * @return true for an embedded cluster, false for an external one
     */
    boolean supportsBrokerControl();

    /**
     * Releases the cluster: an embedded cluster stops all brokers and deletes its directories, an external cluster
     * closes its Admin client. Idempotent; never throws.
     */
    @Override
    void close();
}
