package io.hpkafka.benchmarks;

import io.hpkafka.test.KafkaBrokerProcess;
import io.hpkafka.test.TestCertificates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the benchmark set: starts a broker process (or uses {@code --bootstrap}), warms both clients up, runs the
 * chosen workloads with hpkafka and its peer alternating, and writes {@code results.md} and {@code results.json} under
 * {@code target/benchmark-results}. See {@code docs/benchmarks.md}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (BenchmarkOptions.HelpRequested help) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, String.join(" ", args)));
    }

    static int run(BenchmarkOptions o, String commandLine) throws Exception {
        long began = System.nanoTime();
        String loadAtStart = loadAverage();
        KafkaBrokerProcess broker = null;
        String bootstrap = o.bootstrap();
        BenchContext.Tls tls = null;
        if (o.tls() && bootstrap != null) {
            System.err.println("--tls needs the harness's own broker process: drop --bootstrap");
            return 2;
        }
        if (bootstrap == null) {
            System.out.println("Starting a Kafka broker process on loopback ...");
            TestCertificates certificates = o.tls()
                    ? TestCertificates.create(java.nio.file.Files.createTempDirectory("hpkafka-bench-certs")) : null;
            broker = BrokerProcess.start(o.brokerParentDir(), certificates);
            if (certificates != null) {
                tls = new BenchContext.Tls(broker.tlsBootstrapServers(), certificates.trustStore(),
                        certificates.password());
            }
            bootstrap = broker.bootstrapServers();
            System.out.printf("Broker ready at %s after %.1f s%n", bootstrap, (System.nanoTime() - began) / 1e9);
        }
        try (BenchContext ctx = new BenchContext(o, bootstrap, tls, broker == null ? null : broker.handle())) {
            if (tls != null) {
                ctx.note("TLS (--tls): producer, consumer and latency runs of both clients go to the SSL listener "
                        + tls.bootstrap() + " (JDK default protocol and cipher suites, hostname verification on); "
                        + "ceiling, consumers and listener runs stay on PLAINTEXT");
            }
            ctx.note("records per producer/consumer run: " + o.records() + " of " + o.recordSize() + " B, "
                    + o.partitions() + " partitions, " + o.repetitions() + " repetitions alternating hpkafka / peer");
            ctx.note("producer settings: kafka-clients linger.ms=" + o.lingerMs() + ", batch.size=" + o.batchBytes()
                    + ", max.in.flight=5, enable.idempotence=false; hpkafka produceBufferingTime=" + o.lingerMs()
                    + " ms, produceBatchSize=" + o.hpkafkaBatchRecords() + " records per broker, maxInFlightRequests=5, "
                    + "maxBufferedMessages=" + (32 * 1024 * 1024 / (o.recordSize() + 10)) + " (BLOCK)");
            ctx.note("each producer run first sends a tenth of its records unmeasured (warm-up), then measures");

            if (o.brokerWarmUpSeconds() > 0) {
                section("broker warm-up: " + o.brokerWarmUpSeconds() + " s of pre-encoded Produce requests (unmeasured)");
                CeilingWorkload.warmUpBroker(ctx, o.brokerWarmUpSeconds());
            }
            if (o.runs("ceiling")) {
                section("ceiling: pre-encoded Produce requests");
                CeilingWorkload.run(ctx);
            }
            // The consumers workload measures in child JVMs of its own: warming this one up does nothing for it.
            if (o.workloads().stream().anyMatch(w -> !w.equals("ceiling") && !w.equals("consumers"))) {
                section("warm-up (unmeasured)");
                try {
                    ProducerWorkload.warmUp(ctx, Math.min(o.records(), 1_000_000));
                } catch (Exception e) {
                    ctx.failed("warm-up", e);
                }
            }
            if (o.runs("producer")) {
                section("producer throughput");
                ProducerWorkload.run(ctx);
            }
            boolean filled = false;
            if (o.runs("consumer") || o.runs("consumers")) {
                try {
                    ConsumerWorkload.fill(ctx, o.records());
                    filled = true;
                } catch (Exception e) {
                    ctx.failed("filling " + ConsumerWorkload.TOPIC, e);
                }
            }
            if (o.runs("consumer") && filled) {
                section("consumer throughput");
                ConsumerWorkload.run(ctx, ConsumerWorkload.filled(o.records()));
            }
            if (o.runs("consumers") && filled) {
                section("several consumers on one client: one Fetch per broker against one per consumer");
                ManyConsumersWorkload.run(ctx, ConsumerWorkload.filled(o.records()));
            }
            if (o.runs("latency")) {
                section("end-to-end latency");
                LatencyWorkload.run(ctx);
            }
            if (o.runs("listener")) {
                section("listener dispatch in Spring Boot, consumer groups with commits");
                ListenerWorkload.run(ctx);
            }

            Map<String, String> machine = machine(o, bootstrap, broker != null, commandLine);
            // Other work on the machine moves every figure; the ratios of one run, A B A B, suffer least.
            machine.put("load average (1/5/15 min) at start / end", loadAtStart + " / " + loadAverage());
            Report report = new Report(ctx.results());
            StringBuilder header = new StringBuilder("## Run of ").append(machine.get("date")).append("\n\n");
            machine.forEach((k, v) -> header.append("- ").append(k).append(": `").append(v).append("`\n"));
            header.append(String.format("- total time: %.0f s%n", (System.nanoTime() - began) / 1e9));
            String markdown = report.markdown(header.toString(), ctx.notes(), ctx.failures());
            Path out = o.output() != null ? o.output() : defaultOutput();
            report.write(out, markdown, report.json(machine, ctx.notes(), ctx.failures()));
            System.out.println();
            System.out.println(markdown);
            System.out.println("Written: " + out.resolve("results.md") + " and " + out.resolve("results.json"));
            return ctx.failures().isEmpty() ? 0 : 1;
        } finally {
            if (broker != null) {
                System.out.println("Stopping the broker ...");
                broker.close();
            }
        }
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    /** @return {@code target/benchmark-results} next to the harness jar (or its classes folder) */
    static Path defaultOutput() {
        try {
            Path location = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().resolve("benchmark-results");
        } catch (Exception e) {
            return Path.of("target", "benchmark-results");
        }
    }

    private static Map<String, String> machine(BenchmarkOptions o, String bootstrap, boolean ownBroker,
                                               String commandLine) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", Instant.now().toString());
        m.put("command", "java -jar hpkafka-benchmarks/target/hpkafka-benchmarks.jar" + (commandLine.isBlank() ? ""
                : " " + commandLine));
        m.put("cpus (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("cpu", cpuModel());
        m.put("memory", (totalMemoryMb()) + " MB");
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("harness heap (max)", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("broker", ownBroker ? "Kafka " + kafkaVersion() + ", single KRaft node, separate JVM (-Xmx1g, G1), "
                + "loopback, at " + bootstrap + ", log under " + o.brokerParentDir()
                + (o.brokerParentDir().equals(BenchmarkOptions.DEFAULT_BROKER_DIR) ? " (tmpfs: memory, no disk I/O)" : "")
                : "existing cluster at " + bootstrap);
        m.put("clients", "hpkafka " + hpkafkaVersion() + ", kafka-clients " + kafkaVersion());
        return m;
    }

    private static String kafkaVersion() {
        return org.apache.kafka.common.utils.AppInfoParser.getVersion();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String hpkafkaVersion() {
        try (var in = io.hpkafka.ClusterClient.class.getResourceAsStream(
                "/META-INF/maven/io.hpkafka/hpkafka-core/pom.properties")) {
            if (in == null) {
                return "(version unknown: hpkafka-core not from a jar)";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long totalMemoryMb() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os.getTotalMemorySize() / (1024 * 1024);
    }
}
