package io.hpkafka.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster that runs elsewhere (a CI service, a broker process, a container), reached through
 * {@code bootstrap.servers}. Topics are created with the kafka-clients {@link Admin}; brokers cannot be stopped or
 * started, so {@link #supportsBrokerControl()} is false.
 *
 * <p>The JUnit extension uses it instead of an {@link EmbeddedKafkaCluster} when the environment variable
 * {@value #BOOTSTRAP_SERVERS_ENV} is set (see {@link #fromEnvironment()}). Tests then share one cluster across
 * runs, so they should use unique topic names.
 *
 * <p>Thread-safe. The Admin client is created on first use and closed by {@link #close()}.
 */
public final class ExternalKafkaCluster implements KafkaTestCluster {

    /** Environment variable holding the {@code bootstrap.servers} of an external cluster to test against. */
    public static final String BOOTSTRAP_SERVERS_ENV = "HPKAFKA_TEST_BOOTSTRAP_SERVERS";

    /** How long admin operations and topic readiness may take: 60 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(ExternalKafkaCluster.class);

    private final String bootstrapServers;
    private final Map<String, Object> adminConfig;
    private final long timeoutMs;

    // Guarded by "this".
    private Admin admin;
    private boolean closed;

    /**
     * @param bootstrapServers comma-separated {@code host:port} pairs
     * @throws IllegalArgumentException if blank
     */
    public ExternalKafkaCluster(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /**
     * @param bootstrapServers comma-separated {@code host:port} pairs
     * @param adminConfig      extra Admin client settings, e.g. {@code security.protocol} and SASL settings;
     *                         {@code bootstrap.servers} in it is ignored
     * @throws IllegalArgumentException if {@code bootstrapServers} is blank
     */
    public ExternalKafkaCluster(String bootstrapServers, Map<String, Object> adminConfig) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        this.bootstrapServers = bootstrapServers.trim();
        this.adminConfig = Map.copyOf(adminConfig);
        this.timeoutMs = DEFAULT_TIMEOUT.toMillis();
    }

    /**
     * The external cluster named by {@value #BOOTSTRAP_SERVERS_ENV}, if that variable is set and not blank.
     *
     * @return the cluster (not yet connected), or empty
     */
    public static Optional<ExternalKafkaCluster> fromEnvironment() {
        String servers = System.getenv(BOOTSTRAP_SERVERS_ENV);
        return servers == null || servers.isBlank() ? Optional.empty() : Optional.of(new ExternalKafkaCluster(servers));
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Waits (at most 60 s) until DescribeTopics, answered by whichever broker the Admin client asks, shows a
     * leader for every partition. Unlike the embedded cluster, this cannot check each broker's own metadata.
     */
    @Override
    public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> topicConfigs) {
        Waits.checkTopicArguments(name, partitions, replicationFactor, topicConfigs);
        Admin client = admin();
        Waits.createTopic(client, name, partitions, replicationFactor, topicConfigs, timeoutMs);
        Waits.await("every partition of topic '" + name + "' to have a leader", timeoutMs,
                () -> allPartitionsLed(client, name, partitions));
        log.debug("Created topic {} on external cluster {}", name, bootstrapServers);
    }

    /**
     * {@inheritDoc}
     *
     * @throws KafkaTestClusterException if DescribeCluster fails or takes longer than 60 s
     */
    @Override
    public List<Integer> brokerIds() {
        try {
            Collection<Node> brokers = admin().describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<Integer> ids = new ArrayList<>();
            for (Node broker : brokers) {
                ids.add(broker.id());
            }
            ids.sort(null);
            return ids;
        } catch (ExecutionException e) {
            throw new KafkaTestClusterException("Could not describe external cluster " + bootstrapServers + ": "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaTestClusterException("Timed out after " + timeoutMs + " ms describing external cluster "
                    + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTestClusterException("Interrupted while describing external cluster", e);
        }
    }

    /**
     * Not supported.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void stopBroker(int brokerId) {
        throw unsupported("stop broker " + brokerId);
    }

    /**
     * Not supported.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void startBroker(int brokerId) {
        throw unsupported("start broker " + brokerId);
    }

    /** {@inheritDoc} Always false. */
    @Override
    public boolean supportsBrokerControl() {
        return false;
    }

    /** Closes the Admin client (waiting at most 5 s). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    @Override
    public String toString() {
        return "ExternalKafkaCluster[" + bootstrapServers + "]";
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("Cannot " + what + ": the external Kafka cluster at "
                + bootstrapServers + " (from " + BOOTSTRAP_SERVERS_ENV + ") offers no broker control. "
                + "Guard the test with HpKafkaClusterExtension.assumeBrokerControl(cluster), or unset "
                + BOOTSTRAP_SERVERS_ENV + " to run it against an embedded cluster.");
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(adminConfig);
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "hpkafka-test-admin");
            admin = Admin.create(config);
        }
        return admin;
    }

    private boolean allPartitionsLed(Admin client, String topic, int partitions) {
        try {
            TopicDescription description = client.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).get(topic);
            if (description == null || description.partitions().size() != partitions) {
                return false;
            }
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            // UnknownTopicOrPartition until the new topic's metadata reaches the broker asked: poll again.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTestClusterException("Interrupted while waiting for topic '" + topic + "'", e);
        }
    }
}
