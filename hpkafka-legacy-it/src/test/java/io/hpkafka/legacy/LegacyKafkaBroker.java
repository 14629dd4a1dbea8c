package io.hpkafka.legacy;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node Kafka 3.9.1 broker (KRaft, combined broker and controller) in its own process: the last release line
 * that serves message formats v0/v1 and Produce v0-2 / Fetch v0-3, which Kafka 4.x removed. Its jars conflict with
 * the 4.1.2 ones hpkafka-core's tests use, hence a separate module and a separate JVM whose classpath is this
 * module's test classpath ({@code java.class.path}; surefire is told not to hide it in a manifest-only jar).
 * <p>
 * Loopback only, free ports, a temporary folder deleted on {@link #close()}.
 */
final class LegacyKafkaBroker implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 60_000;

    private final Path dir;
    private final int port;
    private final Process process;

    private LegacyKafkaBroker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Formats a fresh log folder and starts the broker; returns once it accepts connections. */
    static LegacyKafkaBroker start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("hpkafka-legacy-broker");
        int port = freePort();
        int controllerPort = freePort();
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs"),
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.flush.interval.messages=1000000",
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("broker.log");
        Process format = java(dir, log, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString());
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("StorageTool format failed:\n" + tail(log));
        }
        Process broker = java(dir, log, "kafka.Kafka", properties.toString());
        LegacyKafkaBroker started = new LegacyKafkaBroker(dir, port, broker);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroyForcibly));
        try {
            started.awaitReady(log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** @return {@code 127.0.0.1:port} */
    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        long firstAccepted = 0;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka 3.9.1 broker exited with " + process.exitValue() + ":\n"
                        + tail(log));
            }
            if (accepts()) {
                firstAccepted = firstAccepted == 0 ? System.nanoTime() : firstAccepted;
                // Ready when it says so; should its log be silent, some seconds after it first accepted.
                if (Files.readString(log, StandardCharsets.UTF_8).contains("Kafka Server started")
                        || System.nanoTime() - firstAccepted > TimeUnit.SECONDS.toNanos(5)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Kafka 3.9.1 broker not ready within " + START_TIMEOUT_MS + " ms:\n"
                + tail(log));
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process java(Path dir, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived test broker: start fast rather than peak
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
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

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
