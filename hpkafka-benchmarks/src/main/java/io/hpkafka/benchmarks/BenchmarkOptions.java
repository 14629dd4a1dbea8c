package io.hpkafka.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the harness, parsed from {@code --name value} or {@code --name=value}.
 *
 * @param bootstrap an existing cluster's {@code host:port} list, or {@code null} to start a broker process
 * @param records records per measured producer and consumer run (the 2,000,000 by default)
 * @param recordSize value size in bytes
 * @param partitions partitions of every benchmark topic
 * @param repetitions runs per client and configuration, alternating hpkafka, peer, hpkafka, peer, ...
 * @param workloads workloads to run, in this order
 * @param clients clients of the producer and consumer workloads (one alone to profile it, e.g. with JFR)
 * @param codecs codecs of the producer matrix
 * @param fullMatrix every acks × every codec; otherwise acks=1 × every codec plus acks=all × none
 * @param fetchMaxWaitMs Fetch MaxWaitMs of both consumers (hpkafka {@code fetchMaxWaitTimeMs}, kafka-clients
 *     {@code fetch.max.wait.ms}), in ms
 * @param lingerMs kafka-clients {@code linger.ms} and hpkafka {@code produceBufferingTime}, in ms
 * @param batchBytes kafka-clients {@code batch.size} in bytes; hpkafka's {@code produceBatchSize} (records per
 *     broker) is derived from it unless {@code hpBatchRecords} is given
 * @param hpBatchRecords hpkafka {@code produceBatchSize}, or 0 to derive it
 * @param rate records per second of the latency workload
 * @param latencySeconds measured seconds of each latency run (after 3 s of warm-up)
 * @param listenerRecords records of the listener workload's topic, which each listener run reads whole
 * @param ceilingSeconds measured seconds of the ceiling run
 * @param brokerWarmUpSeconds seconds of unmeasured pre-encoded load before anything else, so the broker's JIT is done
 * @param largeRecords records per producer run of the second, larger record size (the 200,000 of 1 KB), or 0
 *     to skip that set
 * @param largeRecordSize value bytes of that set
 * @param output folder of results.md and results.json, or {@code null} for {@code target/benchmark-results}
 * @param brokerDir parent folder of the broker's folder (its log among it), or {@code null} for {@link #DEFAULT_BROKER_DIR}
 *     when it exists, else the system's temp folder
 * @param consumers consumers on one client in the {@code consumers} workload, each reading the whole topic
 * @param childJvmOptions extra options of the child JVMs the {@code consumers} workload starts (e.g. JFR), may be empty
 * @param awaitQuietSeconds before each repetition, wait up to this long for other processes of the machine to leave
 *     the cores alone ({@link BenchContext#awaitQuiet}); 0 to measure at once
 * @param tls whether the producer, consumer and latency workloads run over TLS (both clients, against the broker
 *     process's SSL listener)
 */
record BenchmarkOptions(String bootstrap, long records, int recordSize, int partitions, int repetitions,
                        List<String> workloads, List<String> clients, List<String> codecs, boolean fullMatrix, int fetchMaxWaitMs, int lingerMs,
                        int batchBytes, int hpBatchRecords, int rate, int latencySeconds, long listenerRecords,
                        int ceilingSeconds, int brokerWarmUpSeconds, long largeRecords, int largeRecordSize,
                        Path output, Path brokerDir, int consumers, List<String> childJvmOptions,
                        int awaitQuietSeconds, boolean tls) {

    /**
     * Memory-backed on Linux: the broker's log writes then cost no disk I/O, whose kernel writeback on this 2-core
     * machine took 30-70 % system CPU in bursts and moved the same run by up to 2× between repetitions.
     */
    static final Path DEFAULT_BROKER_DIR = Path.of("/dev/shm");

    /** Every workload, in run order. */
    static final List<String> ALL_WORKLOADS = List.of("ceiling", "producer", "consumer", "consumers", "latency",
            "listener");
    /**
     * What runs without {@code --workloads}: all but {@code consumers} (several consumers on one client, two fetch
     * designs in child JVMs: about two minutes more, and a design measurement rather than a comparison with the peers).
     */
    static final List<String> DEFAULT_WORKLOADS = List.of("ceiling", "producer", "consumer", "latency", "listener");
    static final List<String> ALL_CLIENTS = List.of("hpkafka", "kafka-clients");
    static final List<String> ALL_CODECS = List.of("none", "snappy", "lz4", "zstd", "gzip");

    static final String USAGE = """
            Usage: java -jar hpkafka-benchmarks/target/hpkafka-benchmarks.jar [options]
              --bootstrap host:port[,...]  use an existing cluster (default: start a broker process on loopback)
              --records N                  records per producer/consumer run (default 2000000, the issue's)
              --record-size B              value bytes (default 100)
              --partitions N               partitions per topic (default 6)
              --repetitions N              runs per client, alternating A B A B (default 3; the table gives medians)
              --workloads a,b              of ceiling,producer,consumer,consumers,latency,listener (default: all
                                           but consumers)
              --clients a,b                of hpkafka,kafka-clients for producer/consumer/listener runs (default:
                                           both; the listener's kafka-clients side is Spring Kafka)
              --codecs a,b                 of none,snappy,lz4,zstd,gzip (default: all)
              --full-matrix                acks=all with every codec too (default: acks=1 with every codec, acks=all
                                           with none only)
              --fetch-max-wait-ms N        fetch.max.wait.ms / fetchMaxWaitTimeMs of both consumers (default 100)
              --linger-ms N                linger.ms / produceBufferingTime (default 5)
              --batch-bytes N              kafka-clients batch.size (default 65536)
              --hp-batch-records N         hpkafka produceBatchSize (default: batch-bytes / record size x partitions)
              --rate N                     latency workload records/s (default 20000)
              --latency-seconds N          measured seconds per latency run (default 20; the issue's: 30)
              --listener-records N         records per listener run: its topic, read whole in a fresh group
                                           (default 1000000)
              --ceiling-seconds N          measured seconds of the ceiling (default 5)
              --broker-warm-up-seconds N   unmeasured load on the broker before anything runs (default 30; 0: none)
              --large-records N            producer runs of the larger records: records per run (default 200000;
                                           0 skips that set)
              --large-record-size B        value bytes of the larger records (default 1024)
              --consumers N                consumers on one client in the consumers workload (default 4)
              --consumers-jvm-options "..." extra JVM options of its child JVMs, space-separated (e.g. JFR)
              --await-quiet-seconds N      before each repetition wait up to N s until other processes use under
                                           0.15 cores for 3 s running (default 0: do not wait); for a shared machine
              --output DIR                 where results.md / results.json go (default target/benchmark-results)
              --broker-dir DIR             where the broker process keeps its folder and log (default: /dev/shm,
                                           memory, when it exists with 4 GB free; else the temp folder)
              --tls                        producer, consumer and latency runs over TLS, both clients, against an SSL
                                           listener of the broker process (certificates made at start; not with
                                           --bootstrap); ceiling, consumers and listener stay on PLAINTEXT
              --help
            """;

    /** @throws IllegalArgumentException naming the bad option */
    static BenchmarkOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (!KNOWN.contains(eq >= 0 ? name.substring(0, eq) : name)) {
                throw new IllegalArgumentException("unknown option --" + (eq >= 0 ? name.substring(0, eq) : name));
            }
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("full-matrix") || name.equals("tls") || name.equals("help")) {
                value = "true";
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            values.put(name, value);
        }
        if (values.containsKey("help")) {
            throw new HelpRequested();
        }
        long records = positiveLong(values, "records", 2_000_000);
        String output = values.get("output");
        return new BenchmarkOptions(
                blankToNull(values.get("bootstrap")),
                records,
                positiveInt(values, "record-size", 100),
                positiveInt(values, "partitions", 6),
                positiveInt(values, "repetitions", 3),
                list(values, "workloads", ALL_WORKLOADS, DEFAULT_WORKLOADS),
                list(values, "clients", ALL_CLIENTS, ALL_CLIENTS),
                list(values, "codecs", ALL_CODECS, ALL_CODECS),
                Boolean.parseBoolean(values.getOrDefault("full-matrix", "false")),
                nonNegativeInt(values, "fetch-max-wait-ms", 100),
                nonNegativeInt(values, "linger-ms", 5),
                positiveInt(values, "batch-bytes", 65_536),
                nonNegativeInt(values, "hp-batch-records", 0),
                positiveInt(values, "rate", 20_000),
                positiveInt(values, "latency-seconds", 20),
                positiveLong(values, "listener-records", 1_000_000),
                positiveInt(values, "ceiling-seconds", 5),
                nonNegativeInt(values, "broker-warm-up-seconds", 30),
                nonNegativeInt(values, "large-records", 200_000),
                positiveInt(values, "large-record-size", 1024),
                output == null ? null : Path.of(output),
                values.get("broker-dir") == null ? null : Path.of(values.get("broker-dir")),
                positiveInt(values, "consumers", 4),
                words(values.get("consumers-jvm-options")),
                nonNegativeInt(values, "await-quiet-seconds", 0),
                Boolean.parseBoolean(values.getOrDefault("tls", "false")));
    }

    /** @return these options for the producer set of larger records: their size and count, the rest unchanged */
    BenchmarkOptions forLargeRecords() {
        return new BenchmarkOptions(bootstrap, largeRecords, largeRecordSize, partitions, repetitions, workloads,
                clients, codecs, fullMatrix, fetchMaxWaitMs, lingerMs, batchBytes, hpBatchRecords, rate,
                latencySeconds, listenerRecords, ceilingSeconds, brokerWarmUpSeconds, largeRecords, largeRecordSize,
                output, brokerDir, consumers, childJvmOptions, awaitQuietSeconds, tls);
    }

    /** @return hpkafka's produceBatchSize: records per broker request equal to one full kafka-clients batch per partition */
    int hpkafkaBatchRecords() {
        if (hpBatchRecords > 0) {
            return hpBatchRecords;
        }
        // A record of a v2 batch costs its value plus ~8-10 bytes of varint framing (no key, no headers).
        return Math.max(1, batchBytes / (recordSize + 10)) * partitions;
    }

    /** @return producer configurations in run order, each {acks, codec} */
    List<String[]> producerMatrix() {
        List<String[]> matrix = new ArrayList<>();
        for (String codec : codecs) {
            matrix.add(new String[] {"1", codec});
        }
        for (String codec : codecs) {
            if (fullMatrix || codec.equals("none")) {
                matrix.add(new String[] {"all", codec});
            }
        }
        return matrix;
    }

    /** @return the folder the broker's own folder is made in */
    Path brokerParentDir() {
        if (brokerDir != null) {
            return brokerDir;
        }
        return memoryBackedDirFits() ? DEFAULT_BROKER_DIR : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Bytes the broker's log may need at its peak (a bounded flood topic plus a producer run's topic). */
    static final long BROKER_DIR_NEEDS_BYTES = 4L << 30;

    /** @return whether {@link #DEFAULT_BROKER_DIR} exists, is writable and has room (a container's may have 64 MB) */
    private static boolean memoryBackedDirFits() {
        try {
            return Files.isDirectory(DEFAULT_BROKER_DIR) && Files.isWritable(DEFAULT_BROKER_DIR)
                    && Files.getFileStore(DEFAULT_BROKER_DIR).getUsableSpace() >= BROKER_DIR_NEEDS_BYTES;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    boolean uses(String client) {
        return clients.contains(client);
    }

    boolean runs(String workload) {
        return workloads.contains(workload);
    }

    /** Thrown by {@link #parse} on {@code --help}. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }

    private static final Set<String> KNOWN = Set.of("bootstrap", "records", "record-size", "partitions",
            "repetitions", "workloads", "clients", "codecs", "full-matrix", "fetch-max-wait-ms", "linger-ms", "batch-bytes", "hp-batch-records",
            "rate", "latency-seconds", "listener-records", "ceiling-seconds", "broker-warm-up-seconds", "large-records", "large-record-size", "output", "broker-dir", "consumers",
            "consumers-jvm-options", "await-quiet-seconds", "tls", "help");

    private static List<String> list(Map<String, String> values, String name, List<String> allowed,
                                     List<String> defaults) {
        String value = values.get(name);
        if (value == null) {
            return defaults;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            String v = item.trim().toLowerCase(Locale.ROOT);
            if (v.isEmpty()) {
                continue;
            }
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException("--" + name + ": '" + v + "' is not one of " + allowed);
            }
            chosen.add(v);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " names nothing");
        }
        // Keep the canonical order, so A B A B and the report read the same whatever order was typed.
        return allowed.stream().filter(chosen::contains).toList();
    }

    private static long positiveLong(Map<String, String> values, String name, long defaultValue) {
        return number(values, name, defaultValue, 1, Long.MAX_VALUE, "positive");
    }

    private static int positiveInt(Map<String, String> values, String name, int defaultValue) {
        return (int) number(values, name, defaultValue, 1, Integer.MAX_VALUE, "positive");
    }

    private static int nonNegativeInt(Map<String, String> values, String name, int defaultValue) {
        return (int) number(values, name, defaultValue, 0, Integer.MAX_VALUE, "0 or more");
    }

    /** @throws IllegalArgumentException naming the option when its value is not a number in [min, max] */
    private static long number(Map<String, String> values, String name, long defaultValue, long min, long max,
                               String expected) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
        }
        if (parsed < min) {
            throw new IllegalArgumentException("--" + name + " must be " + expected + ", got " + parsed);
        }
        if (parsed > max) {
            throw new IllegalArgumentException("--" + name + " must be at most " + max + ", got " + parsed);
        }
        return parsed;
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
