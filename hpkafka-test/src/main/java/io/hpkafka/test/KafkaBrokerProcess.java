package io.hpkafka.test;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) in a process of its own: the one launcher of
 * the tests (fault tests that kill a broker the hard way), the legacy checks (a Kafka 3.9 broker whose jars cannot
 * share a JVM with 4.x) and the benchmarks (a broker whose CPU and allocation never count as the client's).
 *
 * <pre>{@code
 * try (KafkaBrokerProcess broker = KafkaBrokerProcess.builder().brokerProperty("num.partitions", "3").start()) {
 *     // clients use broker.bootstrapServers()
 *     broker.kill();   // SIGKILL: no controlled shutdown, requests in flight unanswered
 *     broker.start();  // same port, same log folder
 * }
 * }</pre>
 *
 * <p>The process runs the Kafka version on the calling JVM's {@code java.class.path} (a test module must give
 * surefire a real classpath: {@code useManifestOnlyJar=false}): {@code StorageTool format --standalone}, then
 * {@code kafka.Kafka} (KIP-853 controller bootstrap, Kafka 3.9 and later). It is ready once it accepts connections and
 * answers a DescribeCluster with itself, whatever its logging says. Loopback only, free ports, a temporary folder
 * deleted on {@link #close()}; one shutdown hook per broker kills it should the JVM exit first.
 *
 * <p>Thread rule: lifecycle methods are synchronized.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    /** Default of {@link Builder#startTimeout(java.time.Duration)}. */
    public static final long DEFAULT_START_TIMEOUT_MS = 90_000;
    /** JVM options for a short-lived test broker: small heap, quick start rather than peak speed. */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final Path dir;
    private final Path properties;
    private final Path log;
    private final int port;
    /** The SSL listener's port, or -1 without {@link Builder#tlsListener}. */
    private final int tlsPort;
    private final List<String> jvmOptions;
    private final long startTimeoutMs;
    private final Thread killOnExit;
    private Process process;

    private KafkaBrokerProcess(Path dir, int port, int tlsPort, Builder builder) {
        this.dir = dir;
        this.properties = dir.resolve("server.properties");
        this.log = dir.resolve("broker.log");
        this.port = port;
        this.tlsPort = tlsPort;
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.startTimeoutMs = builder.startTimeoutMs;
        this.killOnExit = new Thread(this::killQuietlyAndDelete, "kafka-broker-process-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** @return a builder with the test defaults: a temporary folder, {@link #TEST_JVM_OPTIONS}, 90 s to start */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats a fresh log folder and starts a broker with the test defaults and these extra properties.
     *
     * @param extraProperties broker properties added to the defaults, as {@code key=value}
     * @return the running broker; the caller closes it
     * @throws IllegalStateException if the broker does not start within the timeout (the message holds its log's
     *                               tail)
     */
    public static KafkaBrokerProcess startNew(String... extraProperties) throws IOException, InterruptedException {
        Builder builder = builder();
        for (String line : extraProperties) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: " + line);
            }
            builder.brokerProperty(line.substring(0, eq), line.substring(eq + 1));
        }
        return builder.start();
    }

    /** @return {@code 127.0.0.1:port} */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * @return {@code 127.0.0.1:port} of the SSL listener
     * @throws IllegalStateException if the broker was built without {@link Builder#tlsListener}
     */
    public String tlsBootstrapServers() {
        if (tlsPort < 0) {
            throw new IllegalStateException("built without Builder.tlsListener");
        }
        return "127.0.0.1:" + tlsPort;
    }

    /** @return the broker's folder: server.properties, broker.log (its console output), logs/ */
    public Path directory() {
        return dir;
    }

    /** @return the running broker process, for CPU accounting */
    public synchronized ProcessHandle handle() {
        if (process == null) {
            throw new IllegalStateException("the broker does not run");
        }
        return process.toHandle();
    }

    /**
     * Starts the broker (again) on its port and log folder; returns once it is ready. Does nothing if it runs.
     *
     * @throws IllegalStateException if it exits or is not ready within the start timeout (with its log's tail)
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = java("kafka.Kafka", properties.toString());
        Process started = process;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(startTimeoutMs);
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("broker exited with " + started.exitValue() + ":\n" + tail());
            }
            if (accepts() && servesMetadata()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("broker not ready within " + startTimeoutMs + " ms:\n" + tail());
    }

    /** Kills the broker with SIGKILL: no controlled shutdown, no answer to requests in flight. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Stops the broker with SIGTERM (a controlled shutdown), then SIGKILL if it has not exited after 30 s. */
    public synchronized void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Stops the broker if it runs ({@link #stop()}) and deletes its folder. Never throws. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killQuietlyAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }

    // Ready once it answers as a broker: the log may be too quiet to say "started" (the caller's logging config).
    private boolean servesMetadata() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                2_000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Process java(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * This JVM's classpath with every entry made absolute: the broker runs in its own folder, where a relative entry
     * such as {@code target/hpkafka-benchmarks.jar} would miss.
     *
     * @return the classpath, entries separated by {@link File#pathSeparator}
     */
    public static String absoluteClassPath() {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(Path.of(entry).toAbsolutePath());
            }
        }
        return cp.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    private synchronized void killQuietlyAndDelete() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary folder
        }
    }

    /** Configures a {@link KafkaBrokerProcess}. Not thread-safe. */
    public static final class Builder {
        private final List<String> properties = new ArrayList<>();
        private List<String> jvmOptions = TEST_JVM_OPTIONS;
        private Path parent;
        private long startTimeoutMs = DEFAULT_START_TIMEOUT_MS;
        private Map<String, String> tlsProperties;

        private Builder() {
        }

        /**
         * Adds an SSL listener for clients next to the PLAINTEXT one (which the broker's own readiness check and
         * admin clients keep using); reach it at {@link KafkaBrokerProcess#tlsBootstrapServers()}.
         *
         * @param sslProperties its {@code ssl.*} settings, e.g. {@code TestCertificates.brokerProperties(false)}
         * @return this builder
         */
        public Builder tlsListener(Map<String, String> sslProperties) {
            this.tlsProperties = Map.copyOf(sslProperties);
            return this;
        }

        /**
         * Adds a broker property to (or replaces one of) the defaults: one node, {@code num.partitions=1}, internal
         * topics with one replica and one partition, {@code group.initial.rebalance.delay.ms=0}.
         *
         * @param key a Kafka server property
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(String key, String value) {
            properties.add(key.trim() + "=" + value);
            return this;
        }

        /**
         * @param options the broker JVM's options, replacing {@link #TEST_JVM_OPTIONS} (e.g. heap and GC for a
         *                benchmark broker)
         * @return this builder
         */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * @param parent the folder the broker's temporary folder is made in (default: the system's temporary folder)
         * @return this builder
         */
        public Builder parentDirectory(Path parent) {
            this.parent = parent;
            return this;
        }

        /**
         * @param timeout how long {@link KafkaBrokerProcess#start()} waits for the broker to be ready (default 90 s)
         * @return this builder
         */
        public Builder startTimeout(java.time.Duration timeout) {
            this.startTimeoutMs = timeout.toMillis();
            return this;
        }

        /**
         * Formats a fresh log folder and starts the broker.
         *
         * @return the running broker; the caller closes it
         * @throws IllegalStateException if formatting fails or the broker is not ready within the start timeout
         */
        public KafkaBrokerProcess start() throws IOException, InterruptedException {
            Path dir = parent == null ? Files.createTempDirectory("hpkafka-broker-process")
                    : Files.createTempDirectory(parent, "hpkafka-broker-process");
            int port = freePort();
            int controllerPort = freePort();
            int tlsPort = tlsProperties == null ? -1 : freePort();
            String tls = tlsPort < 0 ? "" : ",SSL://127.0.0.1:" + tlsPort;
            List<String> lines = new ArrayList<>(List.of(
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort + tls,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + tls,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SSL:SSL",
                    "log.dirs=" + dir.resolve("logs"),
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0"));
            if (tlsProperties != null) {
                tlsProperties.forEach((k, v) -> lines.add(k + "=" + v));
            }
            lines.addAll(properties); // later lines win in a properties file
            KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, port, tlsPort, this);
            try {
                Files.writeString(broker.properties, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
                Process format = broker.java("kafka.tools.StorageTool", "format", "--standalone", "-t",
                        Uuid.randomUuid().toString(), "-c", broker.properties.toString());
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    format.destroyForcibly();
                    throw new IllegalStateException("StorageTool format failed:\n" + broker.tail());
                }
                broker.start();
                return broker;
            } catch (IOException | InterruptedException | RuntimeException e) {
                broker.close();
                throw e;
            }
        }
    }
}
