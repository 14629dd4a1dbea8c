package io.hpkafka.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import kafka.cluster.Partition;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.LeaderAndIsr;
import org.apache.kafka.metadata.MetadataCache;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.FaultHandlerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hpkafka.test.proxy.FaultProxy;

import scala.Option;
import scala.Tuple2;

/**
 * Real Apache Kafka brokers in KRaft mode, running inside this JVM.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().brokers(3).build().start()) {
 *     kafka.createTopic("orders", 3, 3);
 *     // clients use kafka.bootstrapServers()
 *     kafka.stopBroker(1);
 *     kafka.startBroker(1);
 * }
 * }</pre>
 *
 * <h2>Layout</h2>
 * One broker runs as a single combined node ({@code process.roles=broker,controller}, node id 0). N &gt; 1 brokers
 * get node ids {@code 0..N-1} and share exactly one controller-only node (id {@value #CONTROLLER_NODE_ID}): three
 * controllers would make shutdown hang for minutes, and one controller is all a test needs. Every listener binds
 * to {@code 127.0.0.1} only, on a port chosen at {@link #start()} and kept for the cluster's life (a restarted
 * broker comes back on the same port). Data lives in a temporary directory deleted by {@link #close()}.
 *
 * <h2>Defaults for tests</h2>
 * Applied to every node, each replaceable by {@link Builder#brokerProperty(String, String)}:
 * <ul>
 *   <li>{@code group.initial.rebalance.delay.ms=0}: the first consumer group join does not wait 3 s.</li>
 *   <li>{@code offsets.topic.replication.factor}, {@code transaction.state.log.replication.factor},
 *       {@code share.coordinator.state.topic.replication.factor} = min(3, brokers); the matching
 *       {@code min.isr} = min(2, brokers), so transactions survive one stopped broker of three.</li>
 *   <li>{@code offsets.topic.num.partitions}, {@code transaction.state.log.num.partitions},
 *       {@code share.coordinator.state.topic.num.partitions} = 5 (instead of 50): creating these internal topics
 *       is the slowest part of a first group join.</li>
 *   <li>{@code broker.heartbeat.interval.ms=500}, {@code broker.session.timeout.ms=3000} (Kafka: 2000 / 9000):
 *       the controller refuses a restarted broker's registration until the old session expires, so this bounds
 *       {@link #startBroker(int)} to about 3 s instead of 9 s.</li>
 *   <li>{@code log.cleaner.dedupe.buffer.size=2097152} (Kafka: 128 MiB per broker).</li>
 * </ul>
 * Faults that a production server treats as fatal (it would halt the process) are logged at ERROR instead, so a
 * broken broker cannot kill the test JVM.
 *
 * <p>All methods are thread-safe. Progress is logged at DEBUG by {@code io.hpkafka.test.EmbeddedKafkaCluster};
 * Kafka's own loggers ({@code kafka}, {@code org.apache.kafka}) are chatty at INFO, so set them to WARN.
 */
public final class EmbeddedKafkaCluster implements KafkaTestCluster, AutoCloseable {

    /** Default for {@link Builder#timeout(Duration)}: 60 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Node id of the controller-only node of a multi-broker cluster. */
    public static final int CONTROLLER_NODE_ID = 3000;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private static final String LOOPBACK = "127.0.0.1";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** With fault proxies: the listener clients reach through a {@link FaultProxy}; brokers still talk directly. */
    private static final String CLIENT_LISTENER = "CLIENT";
    /** With {@link Builder#securedListener(String)}: the TLS and/or SASL listener clients bootstrap from. */
    private static final String SECURED_LISTENER = "SECURED";

    /** Set per node by the cluster; overriding any of them would break the node layout. */
    private static final Set<String> RESERVED_PROPERTIES = Set.of(
            "node.id", "broker.id", "process.roles", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "controller.listener.names", "inter.broker.listener.name",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers", "log.dirs", "log.dir",
            "metadata.log.dir");

    private static final AtomicInteger CLUSTER_COUNTER = new AtomicInteger();

    private final int brokerCount;
    private final Map<String, String> brokerProperties;
    private final long timeoutMs;
    private final boolean faultProxies;
    private final String securedProtocol;
    private final String name = "hpkafka-embedded-" + CLUSTER_COUNTER.incrementAndGet();
    private final FaultHandlerFactory faultHandlerFactory = new LoggingFaultHandlerFactory();

    // Guarded by "this": the lifecycle state, the node map, the admin client. Every lifecycle change holds it.
    private State state = State.NEW;
    private Path baseDirectory;
    private final SortedMap<Integer, Node> nodes = new TreeMap<>();
    private ExecutorService executor;
    private String bootstrapServers;
    /** The brokers' PLAINTEXT listener: the admin client's way in, whatever listener clients use. */
    private String plaintextBootstrapServers;
    private Admin admin;

    private enum State { NEW, RUNNING, CLOSED }

    private EmbeddedKafkaCluster(Builder builder) {
        this.brokerCount = builder.brokers;
        this.brokerProperties = Map.copyOf(builder.properties);
        this.timeoutMs = builder.timeout.toMillis();
        this.faultProxies = builder.faultProxies;
        this.securedProtocol = builder.securedProtocol;
    }

    /**
     * A builder with the defaults: 1 broker, no extra properties, a timeout of 60 s.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds and starts a cluster with default settings.
     *
     * @param brokers the number of brokers, at least 1
     * @return the started cluster; the caller closes it
     * @throws IllegalArgumentException if {@code brokers < 1}
     * @throws KafkaTestClusterException if the cluster does not start
     */
    public static EmbeddedKafkaCluster start(int brokers) {
        return builder().brokers(brokers).build().start();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Lifecycle
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Formats the nodes' directories, starts the controller and the brokers, and waits until every broker is
     * registered, unfenced and seen as alive by every other broker. Takes about 1–4 s (less in a warm JVM).
     *
     * @return this cluster
     * @throws IllegalStateException if called twice or after {@link #close()}
     * @throws KafkaTestClusterException if a node fails to start within the timeout; everything started so far
     *                                   is stopped again and the directories are deleted
     */
    public synchronized EmbeddedKafkaCluster start() {
        if (state != State.NEW) {
            throw new IllegalStateException(name + " was already started" + (state == State.CLOSED ? " and closed"
                    : ""));
        }
        long startNanos = System.nanoTime();
        boolean started = false;
        try {
            baseDirectory = Files.createTempDirectory(name + "-");
            executor = Executors.newCachedThreadPool(daemonThreadFactory(name));
            createNodes();
            String clusterId = Uuid.randomUuid().toString();
            for (Node node : nodes.values()) {
                format(node, clusterId);
            }
            // The controller first, as KafkaRaftServer does; then the brokers in parallel, because
            // BrokerServer.startup() blocks until the controller has unfenced that broker.
            runInParallel(controllerOnlyNodes(), this::startNode, "start controller");
            runInParallel(brokerNodes(), this::startNode, "start broker");
            awaitBrokerMembership("all brokers to be registered and alive on every broker");
            bootstrapServers = brokerNodes().stream()
                    .map(node -> node.proxy != null ? node.proxy.address()
                            : LOOPBACK + ":" + (node.securedPort > 0 ? node.securedPort : node.brokerPort))
                    .collect(Collectors.joining(","));
            plaintextBootstrapServers = brokerNodes().stream().map(node -> LOOPBACK + ":" + node.brokerPort)
                    .collect(Collectors.joining(","));
            state = State.RUNNING;
            started = true;
            log.debug("{}: started {} broker(s) at {} in {} ms (data in {})", name, brokerCount, bootstrapServers,
                    elapsedMs(startNanos), baseDirectory);
            return this;
        } catch (KafkaTestClusterException e) {
            throw e;
        } catch (Exception e) {
            throw new KafkaTestClusterException(name + " failed to start: " + e, e);
        } finally {
            if (!started) {
                state = State.CLOSED;
                shutdownEverything();
            }
        }
    }

    /**
     * Stops all brokers (in parallel), then the controller, and deletes the data directory. Typically 0.5–1 s.
     * Idempotent; never throws (problems are logged at WARN).
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        long startNanos = System.nanoTime();
        shutdownEverything();
        log.debug("{}: closed in {} ms", name, elapsedMs(startNanos));
    }

    /** Called with the lock held, from close() or a failed start(). */
    private void shutdownEverything() {
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
        // Brokers before the controller: a broker's controlled shutdown needs the controller to move its
        // leaderships away (KafkaRaftServer stops them in the same order).
        runQuietly(() -> runInParallel(runningNodes(true), this::stopNode, "stop broker"));
        runQuietly(() -> runInParallel(runningNodes(false), this::stopNode, "stop controller"));
        for (Node node : nodes.values()) {
            node.sockets.closeUnused();
            if (node.proxy != null) {
                node.proxy.close();
            }
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (baseDirectory != null) {
            runQuietly(() -> Utils.delete(baseDirectory.toFile()));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // KafkaTestCluster
    // ------------------------------------------------------------------------------------------------------------

    /** {@inheritDoc} Here: {@code 127.0.0.1:port} of every broker, in broker id order. */
    @Override
    public synchronized String bootstrapServers() {
        requireRunning();
        return bootstrapServers;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Waits until every running broker's metadata cache names a leader for each partition, that leader is a
     * running broker, and the leader's replica manager hosts the partition as leader. Waits at most the cluster's
     * timeout (default 60 s).
     */
    @Override
    public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> topicConfigs) {
        Waits.checkTopicArguments(name, partitions, replicationFactor, topicConfigs);
        Waits.createTopic(admin(), name, partitions, replicationFactor, topicConfigs, timeoutMs);
        Waits.await("every partition of topic '" + name + "' to have a leader on all running brokers", timeoutMs,
                () -> topicReady(name, partitions));
        log.debug("{}: created topic {} ({} partitions, replication factor {}, configs {})", this.name, name,
                partitions, replicationFactor, topicConfigs);
    }

    /**
     * Creates or replaces a SCRAM credential (KIP-554, through the controller) and waits until the brokers know it,
     * so a client can authenticate with it at once. 4096 iterations, Kafka's minimum.
     *
     * @param mechanism {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     * @param user the user name
     * @param password the password
     * @throws KafkaTestClusterException if the credential is not created within the cluster's timeout
     */
    public void createScramUser(String mechanism, String user, String password) {
        org.apache.kafka.clients.admin.ScramMechanism scram =
                org.apache.kafka.clients.admin.ScramMechanism.fromMechanismName(mechanism);
        if (scram == org.apache.kafka.clients.admin.ScramMechanism.UNKNOWN) {
            throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
        }
        try {
            admin().alterUserScramCredentials(List.of(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(
                    user, new org.apache.kafka.clients.admin.ScramCredentialInfo(scram, 4096), password)))
                    .all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new KafkaTestClusterException(name + ": cannot create SCRAM user " + user + ": " + e, e);
        }
        Waits.await("SCRAM user " + user + " to be known to the brokers", timeoutMs, () -> {
            try {
                return admin().describeUserScramCredentials(List.of(user)).description(user)
                        .get(timeoutMs, TimeUnit.MILLISECONDS).credentialInfos().stream()
                        .anyMatch(info -> info.mechanism() == scram);
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** {@inheritDoc} Here: {@code 0 .. brokers-1}, stopped brokers included. */
    @Override
    public List<Integer> brokerIds() {
        List<Integer> ids = new ArrayList<>(brokerCount);
        for (int id = 0; id < brokerCount; id++) {
            ids.add(id);
        }
        return ids;
    }

    /**
     * {@inheritDoc}
     *
     * <p>In a one-broker cluster the broker and the controller are one node, so both stop (and
     * {@link #startBroker(int)} starts both again).
     *
     * @throws IllegalStateException if the cluster is not started or already closed
     */
    @Override
    public synchronized void stopBroker(int brokerId) {
        requireRunning();
        Node node = brokerNode(brokerId);
        if (!node.isRunning()) {
            return;
        }
        long startNanos = System.nanoTime();
        stopNode(node);
        awaitBrokerMembership("the running brokers to see broker " + brokerId + " as stopped");
        log.debug("{}: stopped broker {} in {} ms", name, brokerId, elapsedMs(startNanos));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Takes about {@code broker.session.timeout.ms} (3 s by default here): the controller accepts the new
     * registration only after the stopped broker's session has expired.
     *
     * @throws IllegalStateException if the cluster is not started or already closed
     */
    @Override
    public synchronized void startBroker(int brokerId) {
        requireRunning();
        Node node = brokerNode(brokerId);
        if (node.isRunning()) {
            return;
        }
        long startNanos = System.nanoTime();
        try {
            startNode(node);
        } catch (RuntimeException e) {
            runQuietly(() -> stopNode(node));
            throw e instanceof KafkaTestClusterException ? e
                    : new KafkaTestClusterException(name + ": broker " + brokerId + " failed to start: " + e, e);
        }
        awaitBrokerMembership("broker " + brokerId + " to be registered and alive on every running broker");
        log.debug("{}: restarted broker {} in {} ms", name, brokerId, elapsedMs(startNanos));
    }

    /** {@inheritDoc} Always true. */
    @Override
    public boolean supportsBrokerControl() {
        return true;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Extras beyond KafkaTestCluster
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Whether a broker is running (started and not stopped by {@link #stopBroker(int)}).
     *
     * @param brokerId one of {@link #brokerIds()}
     * @return true if it runs
     * @throws IllegalArgumentException if there is no broker with that id
     * @throws IllegalStateException if the cluster is not started or already closed
     */
    public synchronized boolean isBrokerRunning(int brokerId) {
        requireRunning();
        return brokerNode(brokerId).isRunning();
    }

    /**
     * Starts every broker that {@link #stopBroker(int)} stopped. Used by the JUnit extension before it hands a
     * shared cluster to the next test class.
     *
     * @throws IllegalStateException if the cluster is not started or already closed
     * @throws KafkaTestClusterException if a broker is not back within the timeout
     */
    public synchronized void startStoppedBrokers() {
        for (int id : brokerIds()) {
            startBroker(id);
        }
    }

    /**
     * The proxy in front of a broker's client listener, when built with {@link Builder#faultProxies()}. The proxy
     * keeps its port across broker restarts; faults set on it stay until {@link FaultProxy#heal()}.
     *
     * @param brokerId one of {@link #brokerIds()}
     * @return the broker's proxy
     * @throws IllegalStateException if the cluster was built without fault proxies, or is not running
     * @throws IllegalArgumentException if there is no broker with that id
     */
    public synchronized FaultProxy faultProxy(int brokerId) {
        requireRunning();
        FaultProxy proxy = brokerNode(brokerId).proxy;
        if (proxy == null) {
            throw new IllegalStateException(name + " was built without fault proxies (Builder.faultProxies())");
        }
        return proxy;
    }

    @Override
    public String toString() {
        return name + "[brokers=" + brokerCount + ", properties=" + brokerProperties + "]";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Nodes
    // ------------------------------------------------------------------------------------------------------------

    /**
     * One Kafka node: a broker, the controller, or both (combined). Started and stopped only by lifecycle methods
     * that hold the cluster's lock, possibly on executor threads (hence volatile, and no locking of their own).
     */
    private static final class Node {
        final int id;
        final boolean broker;
        final boolean controller;
        final Path directory;
        final PreboundSocketFactory sockets = new PreboundSocketFactory();
        int brokerPort = -1;
        int controllerPort = -1;
        int clientPort = -1;
        int securedPort = -1;
        // With fault proxies: in front of the client listener, kept across restarts (same port on both sides).
        FaultProxy proxy;
        Map<String, Object> properties;

        // Non-null while the node runs.
        volatile SharedServer sharedServer;
        volatile ControllerServer controllerServer;
        volatile BrokerServer brokerServer;

        Node(int id, boolean broker, boolean controller, Path directory) {
            this.id = id;
            this.broker = broker;
            this.controller = controller;
            this.directory = directory;
        }

        boolean isRunning() {
            return sharedServer != null;
        }

        String roles() {
            return broker && controller ? "broker,controller" : broker ? "broker" : "controller";
        }
    }

    private void createNodes() throws IOException {
        boolean combined = brokerCount == 1;
        for (int id = 0; id < brokerCount; id++) {
            nodes.put(id, new Node(id, true, combined, baseDirectory.resolve("node-" + id)));
        }
        if (!combined) {
            nodes.put(CONTROLLER_NODE_ID, new Node(CONTROLLER_NODE_ID, false, true,
                    baseDirectory.resolve("node-" + CONTROLLER_NODE_ID)));
        }
        // Bind every port first: the controller's port goes into every node's controller.quorum.voters.
        Node controllerNode = null;
        for (Node node : nodes.values()) {
            if (node.broker) {
                node.brokerPort = node.sockets.bind(BROKER_LISTENER);
                if (securedProtocol != null) {
                    node.securedPort = node.sockets.bind(SECURED_LISTENER);
                }
                if (faultProxies) {
                    node.clientPort = node.sockets.bind(CLIENT_LISTENER);
                    node.proxy = FaultProxy.start(LOOPBACK, node.clientPort);
                }
            }
            if (node.controller) {
                node.controllerPort = node.sockets.bind(CONTROLLER_LISTENER);
                controllerNode = node;
            }
        }
        Objects.requireNonNull(controllerNode);
        String voters = controllerNode.id + "@" + LOOPBACK + ":" + controllerNode.controllerPort;
        for (Node node : nodes.values()) {
            node.properties = nodeProperties(node, voters);
        }
    }

    private Map<String, Object> nodeProperties(Node node, String voters) {
        int replicas = Math.min(3, brokerCount);
        int minIsr = Math.min(2, brokerCount);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.replication.factor", Integer.toString(replicas));
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", Integer.toString(replicas));
        props.put("transaction.state.log.min.isr", Integer.toString(minIsr));
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
        props.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
        props.put("share.coordinator.state.topic.num.partitions", "5");
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "3000");
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        // A broker that cannot register must fail the start, not block it forever (Kafka's default).
        props.put("server.max.startup.time.ms", Long.toString(timeoutMs));
        props.putAll(brokerProperties);

        props.put("node.id", Integer.toString(node.id));
        props.put("process.roles", node.roles());
        props.put("controller.quorum.voters", voters);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER
                + ":PLAINTEXT" + (faultProxies ? "," + CLIENT_LISTENER + ":PLAINTEXT" : "")
                + (securedProtocol != null ? "," + SECURED_LISTENER + ":" + securedProtocol : ""));
        List<String> listeners = new ArrayList<>();
        if (node.broker) {
            String brokerEndpoint = BROKER_LISTENER + "://" + LOOPBACK + ":" + node.brokerPort;
            listeners.add(brokerEndpoint);
            String advertised = brokerEndpoint;
            if (node.securedPort > 0) {
                String securedEndpoint = SECURED_LISTENER + "://" + LOOPBACK + ":" + node.securedPort;
                listeners.add(securedEndpoint);
                advertised += "," + securedEndpoint;
            }
            if (node.proxy != null) {
                // Clients bootstrap at the proxy and learn the proxy's address from metadata: they stay behind it.
                listeners.add(CLIENT_LISTENER + "://" + LOOPBACK + ":" + node.clientPort);
                advertised += "," + CLIENT_LISTENER + "://" + node.proxy.address();
            }
            props.put("advertised.listeners", advertised);
            props.put("inter.broker.listener.name", BROKER_LISTENER);
        }
        if (node.controller) {
            listeners.add(CONTROLLER_LISTENER + "://" + LOOPBACK + ":" + node.controllerPort);
        }
        props.put("listeners", String.join(",", listeners));
        props.put("log.dirs", node.directory.toString());
        props.put("metadata.log.dir", node.directory.toString());
        return props;
    }

    /** Writes meta.properties (and, for the controller, the bootstrap checkpoint) like kafka-storage format. */
    private void format(Node node, String clusterId) throws Exception {
        Files.createDirectories(node.directory);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(node.id)
                .setClusterId(clusterId)
                .setDirectories(List.of(node.directory.toString()))
                .setMetadataLogDirectory(node.directory.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    /**
     * Creates fresh server objects for the node and starts them, controller before broker, as KafkaRaftServer
     * does. A stopped BrokerServer cannot be started twice, so a restart builds new ones from the same
     * properties and directories.
     */
    private void startNode(Node node) {
        KafkaConfig config = new KafkaConfig(node.properties, false);
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> logDirs =
                KafkaRaftServer.initializeLogDirs(config, log, "[" + name + " node " + node.id + "] ");
        SharedServer sharedServer = new SharedServer(
                config,
                logDirs._1(),
                Time.SYSTEM,
                new Metrics(),
                CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
                QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                faultHandlerFactory,
                node.sockets);
        ControllerServer controllerServer = node.controller
                ? new ControllerServer(sharedServer, KafkaRaftServer.configSchema(), logDirs._2()) : null;
        BrokerServer brokerServer = node.broker ? new BrokerServer(sharedServer) : null;
        node.sharedServer = sharedServer;
        node.controllerServer = controllerServer;
        node.brokerServer = brokerServer;
        if (controllerServer != null) {
            controllerServer.startup();
        }
        if (brokerServer != null) {
            brokerServer.startup();
        }
        log.debug("{}: node {} ({}) started", name, node.id, node.roles());
    }

    private void stopNode(Node node) {
        BrokerServer brokerServer = node.brokerServer;
        ControllerServer controllerServer = node.controllerServer;
        try {
            if (brokerServer != null) {
                // The timeout caps the wait for the controller to approve the controlled shutdown.
                brokerServer.shutdown(Duration.ofMillis(timeoutMs));
                brokerServer.awaitShutdown();
            }
            if (controllerServer != null) {
                controllerServer.shutdown();
                controllerServer.awaitShutdown();
            }
        } finally {
            node.sharedServer = null;
            node.controllerServer = null;
            node.brokerServer = null;
        }
        log.debug("{}: node {} ({}) stopped", name, node.id, node.roles());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Readiness checks (each reads the running brokers' own metadata caches)
    // ------------------------------------------------------------------------------------------------------------

    /** Waits until each running broker counts exactly the running brokers as alive (registered, unfenced). */
    private void awaitBrokerMembership(String what) {
        Waits.await(what, timeoutMs, () -> {
            synchronized (this) {
                List<Node> running = runningNodes(true);
                for (Node observer : running) {
                    MetadataCache cache = observer.brokerServer.metadataCache();
                    for (Node node : brokerNodes()) {
                        if (cache.hasAliveBroker(node.id) != node.isRunning()) {
                            return false;
                        }
                    }
                }
                return true;
            }
        });
    }

    private synchronized boolean topicReady(String topic, int partitions) {
        requireRunning();
        List<Node> running = runningNodes(true);
        if (running.isEmpty()) {
            return false;
        }
        for (Node observer : running) {
            MetadataCache cache = observer.brokerServer.metadataCache();
            if (!Optional.of(partitions).equals(cache.numPartitions(topic))) {
                return false;
            }
            for (int partition = 0; partition < partitions; partition++) {
                Optional<LeaderAndIsr> leaderAndIsr = cache.getLeaderAndIsr(topic, partition);
                if (leaderAndIsr.isEmpty() || leaderAndIsr.get().leader() < 0) {
                    return false;
                }
                Node leader = nodes.get(leaderAndIsr.get().leader());
                if (leader == null || !leader.broker || !leader.isRunning()) {
                    return false;
                }
                // The cache is updated before the replica manager applies the change; wait for the latter too,
                // so a produce right after createTopic does not meet NOT_LEADER_OR_FOLLOWER.
                Option<Partition> hosted =
                        leader.brokerServer.replicaManager().onlinePartition(new TopicPartition(topic, partition));
                if (hosted.isEmpty() || !hosted.get().isLeader()) {
                    return false;
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    private synchronized Admin admin() {
        requireRunning();
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintextBootstrapServers);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, name + "-admin");
            admin = Admin.create(config);
        }
        return admin;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException(name + (state == State.NEW ? " is not started" : " is closed"));
        }
    }

    private Node brokerNode(int brokerId) {
        Node node = nodes.get(brokerId);
        if (node == null || !node.broker) {
            throw new IllegalArgumentException("No broker with id " + brokerId + " in " + name + "; broker ids are "
                    + brokerIds());
        }
        return node;
    }

    private List<Node> brokerNodes() {
        return nodes.values().stream().filter(node -> node.broker).collect(Collectors.toList());
    }

    private List<Node> controllerOnlyNodes() {
        return nodes.values().stream().filter(node -> !node.broker).collect(Collectors.toList());
    }

    /** Running nodes with a broker role ({@code brokers=true}) or the running controller-only nodes. */
    private List<Node> runningNodes(boolean brokers) {
        return nodes.values().stream()
                .filter(node -> node.isRunning() && node.broker == brokers)
                .collect(Collectors.toList());
    }

    /** Runs {@code action} for each node on the executor and waits; rethrows the first failure. */
    private void runInParallel(Collection<Node> targets, Consumer<Node> action, String what) {
        List<Future<?>> futures = new ArrayList<>();
        for (Node node : targets) {
            futures.add(executor.submit(() -> action.accept(node)));
        }
        KafkaTestClusterException failure = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                // startup()/shutdown() have their own deadlines (server.max.startup.time.ms, controlled
                // shutdown timeout); the extra slack covers the rest of the work around them.
                futures.get(i).get(timeoutMs + 30_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = new KafkaTestClusterException(name + ": could not " + what + " (node "
                            + List.copyOf(targets).get(i).id + "): " + e.getCause(), e.getCause());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                if (failure == null) {
                    failure = new KafkaTestClusterException(name + ": timed out trying to " + what, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaTestClusterException(name + ": interrupted trying to " + what, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void runQuietly(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception e) {
            log.warn("{}: error during shutdown (ignored)", name, e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static java.util.concurrent.ThreadFactory daemonThreadFactory(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Hands each listener a socket bound at {@link #start()} on 127.0.0.1, so the port is known before the node's
     * config is written and no other process can take it in between. After a node stops, the same port is bound
     * again (Java sets SO_REUSEADDR on server sockets, so TIME_WAIT connections do not block it).
     */
    private static final class PreboundSocketFactory implements ServerSocketFactory {
        // Guarded by "this": listener name -> socket bound but not yet handed to a SocketServer.
        private final Map<String, ServerSocketChannel> unused = new HashMap<>();

        synchronized int bind(String listener) throws IOException {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.configureBlocking(false);
                channel.bind(new InetSocketAddress(LOOPBACK, 0));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            unused.put(listener.toUpperCase(Locale.ROOT), channel);
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        @Override
        public synchronized ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress address,
                                                                 int listenBacklogSize, int recvBufferSize)
                throws IOException {
            ServerSocketChannel channel = unused.remove(listenerName.toUpperCase(Locale.ROOT));
            if (channel != null && channel.isOpen()) {
                return channel;
            }
            return ServerSocketFactory.INSTANCE.openServerSocket(listenerName, address, listenBacklogSize,
                    recvBufferSize);
        }

        synchronized void closeUnused() {
            for (ServerSocketChannel channel : unused.values()) {
                Utils.closeQuietly(channel, "prebound server socket");
            }
            unused.clear();
        }
    }

    /**
     * Kafka's servers report faults here. The production factory halts the JVM on a fatal fault; in a test JVM
     * that would kill the test run, so every fault is logged at ERROR and the server carries on.
     */
    private static final class LoggingFaultHandlerFactory implements FaultHandlerFactory {
        @Override
        public FaultHandler build(String name, boolean fatal, Runnable action) {
            return (failureMessage, cause) -> {
                log.error("{} fault in {}: {}", fatal ? "Fatal" : "Non-fatal", name, failureMessage, cause);
                if (action != null) {
                    try {
                        action.run();
                    } catch (Throwable t) {
                        log.error("Fault action of {} failed", name, t);
                    }
                }
                return new FaultHandlerException(failureMessage, cause);
            };
        }
    }

    /**
     * Configures an {@link EmbeddedKafkaCluster}. Not thread-safe; {@link #build()} copies the settings.
     */
    public static final class Builder {
        private int brokers = 1;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean faultProxies;
        private String securedProtocol;

        private Builder() {
        }

        /**
         * Gives every broker a second listener, named {@code SECURED}, with the given protocol; clients bootstrap
         * from it ({@link EmbeddedKafkaCluster#bootstrapServers()}) and learn it from metadata, while brokers, the
         * controller and the cluster's own admin client keep to PLAINTEXT. Configure it with broker properties:
         * {@code ssl.keystore.*} (see {@link TestCertificates#brokerProperties(boolean)}),
         * {@code sasl.enabled.mechanisms} and {@code listener.name.secured.<mechanism>.sasl.jaas.config}; SCRAM
         * users come from {@link EmbeddedKafkaCluster#createScramUser(String, String, String)}.
         *
         * @param protocol {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
         * @return this builder
         * @throws IllegalArgumentException for another protocol
         */
        public Builder securedListener(String protocol) {
            if (!Set.of("SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
                throw new IllegalArgumentException("secured listener protocol must be SSL, SASL_PLAINTEXT or"
                        + " SASL_SSL, was " + protocol);
            }
            this.securedProtocol = protocol;
            return this;
        }

        /**
         * Puts a {@link FaultProxy} in front of every broker: each broker gets a second listener for clients,
         * advertised at its proxy's address, so {@link EmbeddedKafkaCluster#bootstrapServers()} and the metadata
         * clients receive lead through the proxies while brokers replicate directly. Reach a proxy with
         * {@link EmbeddedKafkaCluster#faultProxy(int)}.
         *
         * @return this builder
         */
        public Builder faultProxies() {
            this.faultProxies = true;
            return this;
        }

        /**
         * The number of brokers. Default 1 (one combined broker+controller node); more brokers share one extra
         * controller node.
         *
         * @param brokers at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code brokers < 1}
         */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be >= 1, was " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /**
         * Sets a server property on every node (brokers and controller), replacing the cluster's default for that
         * key. Node identity, listeners and directories are managed by the cluster and cannot be set.
         *
         * @param key   a Kafka server property, e.g. {@code auto.create.topics.enable}
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if key or value is null or blank, or the key is managed by the cluster
         *                                  ({@code node.id}, {@code process.roles}, {@code listeners},
         *                                  {@code log.dirs}, ...)
         */
        public Builder brokerProperty(String key, String value) {
            if (key == null || key.isBlank() || value == null) {
                throw new IllegalArgumentException("broker property key and value must not be null or blank: "
                        + key + "=" + value);
            }
            String trimmed = key.trim();
            if (RESERVED_PROPERTIES.contains(trimmed)) {
                throw new IllegalArgumentException("broker property '" + trimmed
                        + "' is managed by EmbeddedKafkaCluster and cannot be set");
            }
            properties.put(trimmed, value);
            return this;
        }

        /**
         * Sets several properties, as {@link #brokerProperty(String, String)} does for each.
         *
         * @param properties keys and values
         * @return this builder
         * @throws IllegalArgumentException as {@link #brokerProperty(String, String)}
         */
        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /**
         * The longest wait for a start, a broker stop or restart, and a topic to become ready. Default 60 s.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Creates the cluster; nothing runs until {@link EmbeddedKafkaCluster#start()}.
         *
         * @return a new, unstarted cluster
         */
        public EmbeddedKafkaCluster build() {
            if (faultProxies && securedProtocol != null) {
                throw new IllegalArgumentException("fault proxies and a secured listener cannot be combined");
            }
            return new EmbeddedKafkaCluster(this);
        }
    }
}
