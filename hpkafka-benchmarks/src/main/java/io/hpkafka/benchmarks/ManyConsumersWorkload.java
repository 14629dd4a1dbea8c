package io.hpkafka.benchmarks;

import io.hpkafka.ClusterClient;
import io.hpkafka.KafkaConsumer;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.stats.Statistics;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Several consumers on one client, under the two fetch designs of {@code io.hpkafka.internal.consumer.FetchEngine}: one Fetch
 * per broker carrying the ready partitions of every consumer (the client's design), against one Fetch per consumer and
 * broker, pipelined on the same fetch connection (JVM property {@value #PROPERTY}{@code =true}, a measurement switch
 * read once into a static final). Because the switch is fixed at class initialisation, each mode runs in a child JVM
 * of its own, on this JVM's classpath; the modes alternate A B B A A B ... (combined first in odd repetitions,
 * per-consumer first in even ones). The child measures itself with {@link ResourceMeter} (its process is the client's
 * alone) and hands its runs back in a properties file.
 * <p>
 * Each child runs, after one unmeasured pass of the first shape (its JIT is cold):
 * <ol>
 * <li><b>N consumers, each the whole topic</b>: {@code --consumers} consumers of one client each read every partition
 * of the consumer topic from earliest, so each partition is read by N cursors at different positions. Records are
 * the records delivered across consumers (N × the topic); measured from the client's creation to the last record of
 * the slowest consumer.</li>
 * <li><b>Busy consumer alone</b>: one consumer reads the topic; the reference for the next shape (one consumer makes
 * the same requests in both modes).</li>
 * <li><b>Idle + busy</b>: one consumer reads an empty topic (every Fetch for it waits {@code fetchMaxWaitTimeMs} at the
 * broker) while a second one of the same client reads the full topic from the same broker; measured from the busy
 * consumer's start (the idle one's first Fetch is already out) to its last record. Shows whether the busy consumer's
 * fetches queue behind the idle one's long polls.</li>
 * </ol>
 * Fetch requests are the client's {@link Statistics#requests()}: it counts Produce and Fetch requests sent (not
 * Metadata, ApiVersions, ListOffsets or group requests); these clients produce nothing, so it counts Fetches.
 */
final class ManyConsumersWorkload {

    static final String IDLE_TOPIC = "bench-idle";
    static final String PROPERTY = "hpkafka.internal.fetchRequestPerConsumer";
    static final String MANY = "consumers, each the whole topic";
    static final String ALONE = "busy consumer alone";
    static final String IDLE_BUSY = "idle + busy consumer: the busy one";

    /** The two fetch designs, as the client column of the results. */
    enum Mode {
        COMBINED("hpkafka, one Fetch per broker", false),
        PER_CONSUMER("hpkafka, one Fetch per consumer", true);

        final String label;
        final boolean perConsumer;

        Mode(String label, boolean perConsumer) {
            this.label = label;
            this.perConsumer = perConsumer;
        }
    }

    private ManyConsumersWorkload() {
    }

    static String manyConfig(int consumers) {
        return consumers + " " + MANY;
    }

    // ---------------------------------------------------------------- the harness side

    static void run(BenchContext ctx, long filled) {
        BenchmarkOptions o = ctx.options();
        try {
            ctx.createTopic(IDLE_TOPIC);
        } catch (Exception e) {
            ctx.failed("creating " + IDLE_TOPIC, e);
            return;
        }
        try {
            for (int rep = 1; rep <= o.repetitions(); rep++) {
                List<Mode> order = rep % 2 == 1 ? List.of(Mode.COMBINED, Mode.PER_CONSUMER)
                        : List.of(Mode.PER_CONSUMER, Mode.COMBINED);
                for (Mode mode : order) {
                    ctx.awaitQuiet();
                    try {
                        child(ctx, mode, rep, filled).forEach(ctx::add);
                    } catch (Exception e) {
                        ctx.failed("consumers " + mode.label + " #" + rep, e);
                    }
                }
            }
        } finally {
            ctx.deleteTopic(IDLE_TOPIC);
        }
        ctx.note("consumers: " + o.consumers() + " consumers of one hpkafka client each read all " + filled
                + " records of " + ConsumerWorkload.TOPIC + " from earliest; every mode in a child JVM of its own ("
                + "-D" + PROPERTY + "=false|true), alternating A B B A, after one unmeasured pass; Fetch requests = "
                + "the client's statistics().requests() (Produce + Fetch requests sent; these clients only fetch)");
    }

    /** Runs one mode's child JVM and reads its runs back. */
    private static List<RunResult> child(BenchContext ctx, Mode mode, int rep, long filled) throws Exception {
        BenchmarkOptions o = ctx.options();
        Path resultFile = Files.createTempFile("hpkafka-bench-consumers", ".properties");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(heapOptions());
            command.addAll(o.childJvmOptions());
            command.add("-D" + PROPERTY + "=" + mode.perConsumer);
            command.add("-cp");
            command.add(io.hpkafka.test.KafkaBrokerProcess.absoluteClassPath());
            command.add(ManyConsumersWorkload.class.getName());
            command.addAll(List.of(mode.name(), String.valueOf(rep), resultFile.toString(),
                    String.valueOf(ctx.meter().broker() == null ? -1 : ctx.meter().broker().pid()),
                    String.valueOf(filled)));
            command.addAll(List.of("--bootstrap", ctx.bootstrap(), "--partitions", String.valueOf(o.partitions()),
                    "--record-size", String.valueOf(o.recordSize()), "--linger-ms", String.valueOf(o.lingerMs()),
                    "--hp-batch-records", String.valueOf(o.hpkafkaBatchRecords()),
                    "--fetch-max-wait-ms", String.valueOf(o.fetchMaxWaitMs()),
                    "--consumers", String.valueOf(o.consumers())));
            Process process = new ProcessBuilder(command).inheritIO().start();
            // A warm-up and three runs, each bounded like any run.
            if (!process.waitFor(4 * BenchContext.RUN_TIMEOUT_MS + 60_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the child JVM of " + mode + " did not finish in time");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the child JVM of " + mode + " exited with " + process.exitValue());
            }
            return read(resultFile);
        } finally {
            Files.deleteIfExists(resultFile);
        }
    }

    /** The harness JVM's heap and collector options, so a child runs with the same memory as a run in this JVM. */
    private static List<String> heapOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Xms")
                        || (a.startsWith("-XX:+Use") && a.endsWith("GC")))
                .toList();
    }

    // ---------------------------------------------------------------- the child JVM

    /**
     * The child: {@code mode rep resultFile brokerPid filledRecords --bootstrap ... (harness options)}.
     */
    public static void main(String[] args) throws Exception {
        Mode mode = Mode.valueOf(args[0]);
        int rep = Integer.parseInt(args[1]);
        Path resultFile = Path.of(args[2]);
        long brokerPid = Long.parseLong(args[3]);
        long filled = Long.parseLong(args[4]);
        BenchmarkOptions o = BenchmarkOptions.parse(Arrays.copyOfRange(args, 5, args.length));
        boolean engineMode = engineSwitch();
        if (engineMode != mode.perConsumer) {
            throw new IllegalStateException("FetchEngine.REQUEST_PER_CONSUMER is " + engineMode + ", expected "
                    + mode.perConsumer + " for " + mode);
        }
        System.out.printf("  (child JVM %d: %s, FetchEngine.REQUEST_PER_CONSUMER=%s)%n", ProcessHandle.current().pid(),
                mode.label, engineMode);
        ResourceMeter meter = new ResourceMeter(brokerPid < 0 ? null : ProcessHandle.of(brokerPid).orElse(null));
        many(o, meter, mode, rep, filled); // warm-up: the JIT of a fresh JVM
        List<RunResult> results = new ArrayList<>();
        results.add(many(o, meter, mode, rep, filled));
        results.add(busy(o, meter, mode, rep, filled, false));
        results.add(busy(o, meter, mode, rep, filled, true));
        write(resultFile, results);
        System.exit(0);
    }

    /** @return the switch as {@code FetchEngine} read it (fails when the field is gone: the mode would be unknown) */
    private static boolean engineSwitch() throws ReflectiveOperationException {
        var field = Class.forName("io.hpkafka.internal.consumer.FetchEngine").getDeclaredField("REQUEST_PER_CONSUMER");
        field.setAccessible(true);
        return field.getBoolean(null);
    }

    /** N consumers of one client, each reading the whole topic from earliest. */
    private static RunResult many(BenchmarkOptions o, ResourceMeter meter, Mode mode, int rep, long filled)
            throws Exception {
        int n = o.consumers();
        Completion completion = new Completion();
        completion.expect(n * filled);
        Tally[] tallies = new Tally[n];
        ResourceMeter.Snapshot start = meter.snapshot();
        try (ClusterClient client = new ClusterClient(BenchContext.hpkafka(o, o.bootstrap(),
                "bench-hpkafka-consumers").build())) {
            List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                KafkaConsumer<byte[], byte[]> consumer = client.newConsumer();
                tallies[i] = new Tally(filled, completion);
                consumer.onRecordReceived(tallies[i]);
                consumers.add(consumer);
            }
            for (KafkaConsumer<byte[], byte[]> consumer : consumers) {
                for (int p = 0; p < o.partitions(); p++) {
                    consumer.consumeFromEarliest(ConsumerWorkload.TOPIC, p);
                }
            }
            completion.await(BenchContext.RUN_TIMEOUT_MS);
            Statistics stats = client.statistics();
            ResourceMeter.Usage usage = meter.since(start);
            long bytes = 0;
            double first = Double.MAX_VALUE;
            double last = 0;
            for (Tally t : tallies) {
                bytes += t.bytes;
                double s = (t.doneNanos - start.wallNanos()) / 1e9;
                first = Math.min(first, s);
                last = Math.max(last, s);
            }
            Map<String, Double> extra = new LinkedHashMap<>();
            extra.put("fetch_requests", (double) stats.requests());
            extra.put("records_per_fetch", (double) n * filled / stats.requests());
            extra.put("first_consumer_done_s", first);
            extra.put("last_consumer_done_s", last);
            return new RunResult("consumers", manyConfig(n), mode.label, rep, n * filled, bytes, usage, extra);
        }
    }

    /** One consumer reading the topic, alone or next to a consumer of an empty topic. */
    private static RunResult busy(BenchmarkOptions o, ResourceMeter meter, Mode mode, int rep, long filled,
                                  boolean withIdle) throws Exception {
        try (ClusterClient client = new ClusterClient(BenchContext.hpkafka(o, o.bootstrap(),
                "bench-hpkafka-consumers").build())) {
            AtomicLong unexpected = new AtomicLong();
            if (withIdle) {
                KafkaConsumer<byte[], byte[]> idle = client.newConsumer();
                idle.onRecordReceived(r -> unexpected.incrementAndGet());
                for (int p = 0; p < o.partitions(); p++) {
                    idle.consumeFromEarliest(IDLE_TOPIC, p);
                }
                long deadline = System.currentTimeMillis() + 30_000;
                while (client.statistics().requests() == 0) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("the idle consumer sent no Fetch within 30 s");
                    }
                    Thread.sleep(1);
                }
            }
            long requestsBefore = client.statistics().requests();
            Completion completion = new Completion();
            completion.expect(filled);
            Tally tally = new Tally(filled, completion);
            ResourceMeter.Snapshot start = meter.snapshot();
            KafkaConsumer<byte[], byte[]> busy = client.newConsumer();
            busy.onRecordReceived(tally);
            for (int p = 0; p < o.partitions(); p++) {
                busy.consumeFromEarliest(ConsumerWorkload.TOPIC, p);
            }
            completion.await(BenchContext.RUN_TIMEOUT_MS);
            Statistics stats = client.statistics();
            ResourceMeter.Usage usage = meter.since(start);
            if (unexpected.get() > 0) {
                throw new IllegalStateException(unexpected.get() + " records arrived from the idle topic");
            }
            long requests = stats.requests() - requestsBefore;
            Map<String, Double> extra = new LinkedHashMap<>();
            extra.put("fetch_requests", (double) requests);
            extra.put("records_per_fetch", (double) filled / requests);
            return new RunResult("consumers", withIdle ? IDLE_BUSY : ALONE, mode.label, rep, filled, tally.bytes,
                    usage, extra);
        }
    }

    /**
     * Counts one consumer's records; tells the completion once, at its last record (not once per record: N consumers
     * on one atomic counter would measure the harness's contention). Touched by one delivery task at a time; read
     * after the completion, whose atomic counter orders the writes before the read.
     */
    private static final class Tally implements Consumer<KafkaRecord> {
        private final long expected;
        private final Completion completion;
        long records;
        long bytes;
        long doneNanos;

        Tally(long expected, Completion completion) {
            this.expected = expected;
            this.completion = completion;
        }

        @Override
        public void accept(KafkaRecord record) {
            byte[] value = record.value();
            bytes += value == null ? 0 : value.length;
            if (++records == expected) {
                doneNanos = System.nanoTime();
                completion.done(expected);
            }
        }
    }

    // ---------------------------------------------------------------- results across the process boundary

    static void write(Path file, List<RunResult> results) throws IOException {
        Properties p = new Properties();
        p.setProperty("runs", String.valueOf(results.size()));
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            ResourceMeter.Usage u = r.usage();
            String k = "run." + i + ".";
            p.setProperty(k + "workload", r.workload());
            p.setProperty(k + "config", r.config());
            p.setProperty(k + "client", r.client());
            p.setProperty(k + "repetition", String.valueOf(r.repetition()));
            p.setProperty(k + "records", String.valueOf(r.records()));
            p.setProperty(k + "payloadBytes", String.valueOf(r.payloadBytes()));
            p.setProperty(k + "wallNanos", String.valueOf(u.wallNanos()));
            p.setProperty(k + "processCpuNanos", String.valueOf(u.processCpuNanos()));
            p.setProperty(k + "threadCpuNanos", String.valueOf(u.threadCpuNanos()));
            p.setProperty(k + "allocatedBytes", String.valueOf(u.allocatedBytes()));
            p.setProperty(k + "gcCount", String.valueOf(u.gcCount()));
            p.setProperty(k + "gcMillis", String.valueOf(u.gcMillis()));
            p.setProperty(k + "brokerCpuNanos", String.valueOf(u.brokerCpuNanos()));
            p.setProperty(k + "otherCpuNanos", String.valueOf(u.otherCpuNanos()));
            p.setProperty(k + "stealNanos", String.valueOf(u.stealNanos()));
            p.setProperty(k + "extras", String.join(",", r.extra().keySet()));
            r.extra().forEach((name, v) -> p.setProperty(k + "extra." + name, String.valueOf(v)));
            u.threadCpuNanosByName().forEach((name, v) -> p.setProperty(k + "thread." + name, String.valueOf(v)));
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "hpkafka-benchmarks consumers workload, child JVM runs");
        }
    }

    static List<RunResult> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String count = p.getProperty("runs");
        if (count == null) {
            throw new IOException("no runs in " + file);
        }
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(count); i++) {
            String k = "run." + i + ".";
            Map<String, Long> threads = new TreeMap<>();
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith(k + "thread.")) {
                    threads.put(name.substring((k + "thread.").length()), Long.parseLong(p.getProperty(name)));
                }
            }
            Map<String, Double> extra = new LinkedHashMap<>();
            String extras = p.getProperty(k + "extras", "");
            for (String name : extras.isEmpty() ? new String[0] : extras.split(",")) {
                extra.put(name, Double.parseDouble(p.getProperty(k + "extra." + name)));
            }
            ResourceMeter.Usage usage = new ResourceMeter.Usage(number(p, k + "wallNanos"),
                    number(p, k + "processCpuNanos"), number(p, k + "threadCpuNanos"), number(p, k + "allocatedBytes"),
                    number(p, k + "gcCount"), number(p, k + "gcMillis"), number(p, k + "brokerCpuNanos"),
                    number(p, k + "otherCpuNanos"), number(p, k + "stealNanos"), threads);
            results.add(new RunResult(p.getProperty(k + "workload"), p.getProperty(k + "config"),
                    p.getProperty(k + "client"), (int) number(p, k + "repetition"), number(p, k + "records"),
                    number(p, k + "payloadBytes"), usage, extra));
        }
        return results;
    }

    private static long number(Properties p, String key) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException("missing " + key);
        }
        return Long.parseLong(v);
    }
}
