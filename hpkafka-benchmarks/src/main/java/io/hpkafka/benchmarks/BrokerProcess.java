package io.hpkafka.benchmarks;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node KRaft Kafka broker in its own JVM, on loopback, started from this harness's own classpath (the
 * {@code kafka_2.13} and {@code kafka-tools} jars Maven copied into {@code target/lib}). A separate process, so the
 * client's CPU and allocation counters never include the broker's. Format ({@code StorageTool format --standalone})
 * then {@code kafka.Kafka}; ready once the log says {@code Kafka Server started}. {@link #close()} stops it (SIGTERM,
 * then SIGKILL after 30 s) and deletes its folder.
 */
final class BrokerProcess implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 90_000;

    private final Path dir;
    private final Process process;
    private final String bootstrap;
    private final Thread killOnExit;

    private BrokerProcess(Path dir, Process process, String bootstrap) {
        this.dir = dir;
        this.process = process;
        this.bootstrap = bootstrap;
        // On Ctrl-C or a kill of the harness too: the folder may sit in /dev/shm, i.e. in memory, until deleted.
        this.killOnExit = new Thread(() -> {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteRecursively(dir);
        }, "broker-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Formats a fresh log folder and starts the broker; returns once it accepts connections.
     *
     * @param parent where the broker's folder (configuration, log, KRaft metadata) is made
     */
    static BrokerProcess start(Path parent) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(parent, "hpkafka-bench-broker");
        int port = freePort();
        int controllerPort = freePort();
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
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
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                // Benchmark topics are deleted after their workload; give the space back soon.
                "log.segment.delete.delay.ms=1000",
                // The ceiling's floods write GBs: their topics' retention.bytes must apply within seconds.
                "log.retention.check.interval.ms=1000",
                "log.initial.task.delay.ms=1000",
                "file.delete.delay.ms=1000",
                ""));
        // INFO to a file: the readiness line, and the broker's story if a run goes wrong.
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + dir.resolve("server.log"),
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "logger.kafka.name=kafka",
                "logger.kafka.level=INFO",
                "logger.state.name=state.change.logger",
                "logger.state.level=WARN",
                ""));

        String clusterId = Uuid.randomUuid().toString();
        Process format = java(dir, "kafka.tools.StorageTool", "format", "--standalone", "-t", clusterId, "-c",
                properties.toString())
                .redirectOutput(dir.resolve("format.out").toFile()).redirectErrorStream(true).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            String output = tail(dir.resolve("format.out"));
            deleteRecursively(dir);
            throw new IllegalStateException("formatting the broker's storage failed:\n" + output);
        }
        Process broker = java(dir, "kafka.Kafka", properties.toString())
                .redirectOutput(dir.resolve("broker.out").toFile()).redirectErrorStream(true).start();
        BrokerProcess started = new BrokerProcess(dir, broker, "127.0.0.1:" + port);
        try {
            started.awaitReady(port);
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** @return {@code host:port} of the broker's PLAINTEXT listener */
    String bootstrap() {
        return bootstrap;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    private void awaitReady(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        Path log = dir.resolve("server.log");
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker process exited with " + process.exitValue() + ":\n"
                        + tail(dir.resolve("broker.out")) + tail(log));
            }
            if (accepts(port) && contains(log, "Kafka Server started")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the broker did not start within " + START_TIMEOUT_MS + " ms:\n" + tail(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
        deleteRecursively(dir);
    }

    /**
     * The broker's JVM: a fixed 1 GB heap (the broker's own sizing guidance for small nodes) and G1, on this JVM's
     * classpath; a manifest Class-Path on the harness jar brings {@code target/lib} along.
     */
    private static ProcessBuilder java(Path dir, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", absoluteClassPath(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    /** The broker runs in its own folder: a relative entry such as {@code target/hpkafka-benchmarks.jar} would miss. */
    static String absoluteClassPath() {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(entry).toAbsolutePath());
            }
        }
        return cp.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "(" + file + " unreadable: " + e + ")\n";
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort; the shutdown hook tries again when the harness is stopped
        }
    }
}
