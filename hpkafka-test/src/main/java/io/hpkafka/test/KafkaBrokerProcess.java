package io.hpkafka.test;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A single-node Kafka broker (KRaft, combined broker and controller) in a process of its own, for fault tests that
 * must kill a broker the hard way ({@link #kill()}: SIGKILL, no controlled shutdown, requests in flight unanswered)
 * and start it again on the same port and log folder ({@link #start()}). The process runs the calling JVM's
 * {@code java.class.path}, so the test module must give surefire a real classpath ({@code useManifestOnlyJar=false}).
 * Loopback only, free ports, a temporary folder deleted on {@link #close()}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 60_000;

    private final Path dir;
    private final Path properties;
    private final Path log;
    private final int port;
    private Process process;

    private KafkaBrokerProcess(Path dir, Path properties, int port) {
        this.dir = dir;
        this.properties = properties;
        this.log = dir.resolve("broker.log");
        this.port = port;
    }

    /**
     * Formats a fresh log folder and starts the broker; returns once it accepts connections.
     *
     * @param extraProperties broker properties added to the defaults, as {@code key=value}
     * @throws IllegalStateException if the broker does not start within 60 s (the message holds its log's tail)
     */
    public static KafkaBrokerProcess startNew(String... extraProperties) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("hpkafka-broker-process");
        int port = freePort();
        int controllerPort = freePort();
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0"));
        lines.addAll(List.of(extraProperties));
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, properties, port);
        Process format = broker.java("kafka.tools.StorageTool", "format", "--standalone", "-t",
                Uuid.randomUuid().toString(), "-c", properties.toString());
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            String tail = broker.tail();
            broker.close();
            throw new IllegalStateException("StorageTool format failed:\n" + tail);
        }
        try {
            broker.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** @return {@code 127.0.0.1:port} */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again) on its port and log folder; returns once it is ready. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = java("kafka.Kafka", properties.toString());
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("broker exited with " + started.exitValue() + ":\n" + tail());
            }
            if (accepts() && servesMetadata()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("broker not ready within " + START_TIMEOUT_MS + " ms:\n" + tail());
    }

    /** Kills the broker with SIGKILL: no controlled shutdown, no answer to requests in flight. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    // Ready once it answers as a broker: the log may be too quiet to say "started" (the test's logging config).
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
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived test broker: start fast rather than peak
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the broker if it runs and deletes its folder. */
    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
