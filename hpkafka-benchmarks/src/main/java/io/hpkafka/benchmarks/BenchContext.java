package io.hpkafka.benchmarks;

import io.hpkafka.config.Configuration;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.config.StoreType;
import io.hpkafka.config.TlsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What every workload shares: the options, the cluster, an admin client for topics, the payloads, the meter, the
 * equivalent settings of both clients, and the results so far.
 */
final class BenchContext implements AutoCloseable {

    /** Longest wait for a run to finish before it is reported as failed, in ms. */
    static final long RUN_TIMEOUT_MS = 180_000;
    /** Distinct payloads cycled through, so compressed batches are not one value repeated. */
    private static final int PAYLOADS = 1024;

    private final BenchmarkOptions options;
    private final String bootstrap;
    /** Where and how the client workloads connect over TLS ({@code --tls}), or null for PLAINTEXT. */
    private final Tls tls;
    private final ResourceMeter meter;
    private final Admin admin;
    private final byte[][] payloads;
    private final List<RunResult> results;
    private final List<String> failures;
    private final List<String> notes;

    /** Whether {@link #close()} closes the admin client: false for a view made by {@link #withOptions}. */
    private final boolean owner;

    BenchContext(BenchmarkOptions options, String bootstrap, ProcessHandle broker) {
        this(options, bootstrap, null, broker);
    }

    /**
     * @param tls the SSL listener and trust store the producer, consumer and latency workloads use, or null
     */
    BenchContext(BenchmarkOptions options, String bootstrap, Tls tls, ProcessHandle broker) {
        this.options = options;
        this.bootstrap = bootstrap;
        this.tls = tls;
        this.meter = new ResourceMeter(broker);
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-admin"));
        this.payloads = payloads(options.recordSize());
        this.results = new ArrayList<>();
        this.failures = new ArrayList<>();
        this.notes = new ArrayList<>();
        this.owner = true;
    }

    private BenchContext(BenchContext parent, BenchmarkOptions options) {
        this.options = options;
        this.bootstrap = parent.bootstrap;
        this.tls = parent.tls;
        this.meter = parent.meter;
        this.admin = parent.admin;
        this.payloads = payloads(options.recordSize());
        this.results = parent.results;
        this.failures = parent.failures;
        this.notes = parent.notes;
        this.owner = false;
    }

    /** @return a view with other options (e.g. another record size) that adds its results to this context's */
    BenchContext withOptions(BenchmarkOptions other) {
        return new BenchContext(this, other);
    }

    /** Upper-case letters, as kafka-clients' ProducerPerformance writes: compressible, but not trivially. */
    private static byte[][] payloads(int size) {
        Random random = new Random(42);
        byte[][] payloads = new byte[PAYLOADS][size];
        for (byte[] payload : payloads) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) ('A' + random.nextInt(26));
            }
        }
        return payloads;
    }

    BenchmarkOptions options() {
        return options;
    }

    String bootstrap() {
        return bootstrap;
    }

    ResourceMeter meter() {
        return meter;
    }

    /** @return the harness's admin client (kafka-clients), shared by every workload; never to be closed by one */
    Admin admin() {
        return admin;
    }

    /** @return the value of record {@code i}; shared arrays, never to be changed */
    byte[] payload(long i) {
        return payloads[(int) (i & (PAYLOADS - 1))];
    }

    void add(RunResult result) {
        results.add(result);
        System.out.printf("  %-9s %-16s %-24s #%d %,12.0f rec/s %8.2f MB/s  cpu %6.2f s/M  alloc %8.1f B/rec  gc %d/%d ms"
                        + "  other load %.2f cores, steal %.2f%s%n",
                result.workload(), result.config(), result.client(), result.repetition(), result.recordsPerSecond(),
                result.megabytesPerSecond(), result.cpuSecondsPerMillion(), result.allocatedBytesPerRecord(),
                result.usage().gcCount(), result.usage().gcMillis(), result.otherCores(), result.stealCores(),
                result.extra().isEmpty() ? "" : "  " + result.extra());
        StringBuilder threads = new StringBuilder();
        result.threadCpuSecondsPerMillionByName().entrySet().stream().limit(3).forEach(e -> threads
                .append(String.format(Locale.ROOT, "  %s %.2f", e.getKey(), e.getValue())));
        if (!threads.isEmpty()) {
            System.out.println("      busiest threads (CPU s/M):" + threads);
        }
    }

    /** Other processes' CPU below this, in cores, counts as a quiet machine. */
    static final double QUIET_CORES = 0.15;
    private static final int QUIET_SECONDS_RUNNING = 3;

    /**
     * Waits, up to {@code --await-quiet-seconds}, until the processes other than this JVM and the broker, and the
     * hypervisor (steal), have used less than {@link #QUIET_CORES} cores for {@value #QUIET_SECONDS_RUNNING} one-second windows running (a build or a
     * test run on the same machine moves every figure, and on two cores it halves them). Measures anyway when the
     * time is up; the run's other-load figure then shows it.
     */
    void awaitQuiet() {
        int limit = options.awaitQuietSeconds();
        if (limit <= 0 || ResourceMeter.machineBusyNanos() < 0) {
            return;
        }
        long began = System.nanoTime();
        long deadline = began + limit * 1_000_000_000L;
        int quiet = 0;
        boolean told = false;
        ResourceMeter.Snapshot last = meter.snapshot();
        while (quiet < QUIET_SECONDS_RUNNING) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ResourceMeter.Usage window = meter.since(last);
            last = meter.snapshot();
            double other = (double) (window.otherCpuNanos() + Math.max(0, window.stealNanos())) / window.wallNanos();
            quiet = other < QUIET_CORES ? quiet + 1 : 0;
            if (quiet == 0 && !told) {
                System.out.printf(Locale.ROOT, "  (other processes use %.2f cores: waiting for a quiet machine)%n", other);
                told = true;
            }
            if (quiet < QUIET_SECONDS_RUNNING && System.nanoTime() - deadline > 0) {
                System.out.printf(Locale.ROOT, "  (the machine is still busy after %d s: measuring anyway)%n", limit);
                return;
            }
        }
        if (told) {
            System.out.printf(Locale.ROOT, "  (quiet after %.0f s)%n", (System.nanoTime() - began) / 1e9);
        }
    }

    void failed(String what, Throwable error) {
        String message = what + ": " + error;
        failures.add(message);
        System.out.println("  FAILED " + message);
        error.printStackTrace(System.out);
    }

    void note(String note) {
        notes.add(note);
    }

    List<RunResult> results() {
        return results;
    }

    List<String> failures() {
        return failures;
    }

    List<String> notes() {
        return notes;
    }

    // ---------------------------------------------------------------- topics

    void createTopic(String topic) throws Exception {
        createTopic(topic, Map.of());
    }

    /**
     * A topic that keeps only its latest 128 MB per partition, in 64 MB segments: for floods that would otherwise
     * write gigabytes into a memory-backed log folder before the topic is deleted.
     */
    void createBoundedTopic(String topic) throws Exception {
        createTopic(topic, Map.of("segment.bytes", String.valueOf(64 << 20), "retention.bytes",
                String.valueOf(128 << 20)));
    }

    private void createTopic(String topic, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, options.partitions(), (short) 1).configs(configs)))
                .all().get(60, TimeUnit.SECONDS);
        // The controller has the topic; wait until the broker's metadata names a leader for every partition.
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                var description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get(topic);
                if (description.partitions().size() == options.partitions()
                        && description.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                // the broker has not applied the controller's record yet: ask again
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("topic " + topic + " has no leader for every partition after 30 s");
    }

    void deleteTopic(String topic) {
        try {
            admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("  (could not delete " + topic + ": " + e + ")");
        }
    }

    // ---------------------------------------------------------------- equivalent client settings

    /**
     * hpkafka's side of the equivalence: buffering time = linger.ms; a request at produceBatchSize records per broker
     * carries about one full kafka-clients batch per partition; 5 requests in flight as kafka-clients'
     * max.in.flight.requests.per.connection; maxBufferedMessages blocks the caller about where kafka-clients'
     * 32 MB buffer.memory would.
     */
    Configuration.Builder hpkafka(String clientId) {
        if (tls != null) {
            return hpkafka(options, tls.bootstrap(), clientId).security(SecurityConfiguration.ssl(
                    TlsSettings.builder().trustStore(tls.trustStore(), StoreType.PKCS12, tls.password()).build()));
        }
        return hpkafka(options, bootstrap, clientId);
    }

    /**
     * The TLS side of a run with {@code --tls}: both clients trust the same CA and verify the host name; the JDK
     * picks the protocol (TLS 1.3) and cipher suite for both.
     *
     * @param bootstrap the broker's SSL listener
     * @param trustStore a PKCS#12 trust store with the CA that signed the broker's certificate
     * @param password the trust store's password
     */
    record Tls(String bootstrap, java.nio.file.Path trustStore, String password) {
        void applyTo(Properties p) {
            p.put("security.protocol", "SSL");
            p.put("ssl.truststore.location", trustStore.toString());
            p.put("ssl.truststore.type", "PKCS12");
            p.put("ssl.truststore.password", password);
        }
    }

    /** The same settings without a context: for a child JVM that has the options and the cluster only. */
    static Configuration.Builder hpkafka(BenchmarkOptions options, String bootstrap, String clientId) {
        return Configuration.builder()
                .seeds(bootstrap)
                .clientId(clientId)
                .produceBufferingTime(Duration.ofMillis(options.lingerMs()))
                .produceBatchSize(options.hpkafkaBatchRecords())
                .maxInFlightRequests(5)
                .fetchMaxWaitTimeMs(options.fetchMaxWaitMs())
                .maxBufferedMessages(32 * 1024 * 1024 / (options.recordSize() + 10));
    }

    /** kafka-clients' producer: idempotence off (hpkafka has none), the same linger, batch and acks. */
    Properties peerProducer(String clientId, String acks, String codec) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, acks);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        p.put(ProducerConfig.LINGER_MS_CONFIG, options.lingerMs());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, options.batchBytes());
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        if (tls != null) {
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, tls.bootstrap());
            tls.applyTo(p);
        }
        return p;
    }

    /** kafka-clients' consumer without a group: the same fetch wait as hpkafka's, and its sizes (1 MB / 50 MB). */
    Properties peerConsumer(String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, options.fetchMaxWaitMs());
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 50 * 1024 * 1024);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        if (tls != null) {
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, tls.bootstrap());
            tls.applyTo(p);
        }
        return p;
    }

    @Override
    public void close() {
        if (owner) {
            admin.close(Duration.ofSeconds(10));
        }
    }
}
