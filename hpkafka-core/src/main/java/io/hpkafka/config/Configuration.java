package io.hpkafka.config;

import io.hpkafka.producer.ProduceInterceptor;
import io.hpkafka.serialization.SerializationConfig;
import io.hpkafka.stats.ClientHooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Immutable settings of a {@link ClusterClient}. Every option of the .NET driver this client follows is here with the
 * same meaning and default; build one with {@link #builder()}. {@link Builder#build()} validates every option and
 * throws {@link InvalidConfigurationException} naming the first bad one, so a bad setting fails start-up.
 */
public final class Configuration {

    /** Smallest {@link #maxRequestSizeBytes()}, in bytes: a record batch header (61 bytes) and a small record. */
    public static final int MIN_REQUEST_SIZE = 128;

    private final List<BrokerAddress> seeds;
    private final String clientId;
    private final Compatibility compatibility;
    private final Duration messageTtl;
    private final Duration refreshMetadataInterval;
    private final ErrorStrategy errorStrategy;
    private final Duration produceBufferingTime;
    private final int produceBatchSize;
    private final BatchStrategy batchStrategy;
    private final CompressionCodec compressionCodec;
    private final int numberOfMessagesBeforeRoundRobin;
    private final int sendBufferSize;
    private final int receiveBufferSize;
    private final RequiredAcks requiredAcks;
    private final int minInSyncReplicas;
    private final boolean retryIfNotEnoughReplicasAfterAppend;
    private final int requestTimeoutMs;
    private final int clientRequestTimeoutMs;
    private final int maxInFlightRequests;
    private final Executor executor;
    private final int maximumConcurrency;
    private final int maxBufferedMessages;
    private final OverflowStrategy overflowStrategy;
    private final int fetchMaxWaitTimeMs;
    private final int fetchMinBytes;
    private final int fetchMessageMaxBytes;
    private final int fetchMaxBytes;
    private final Duration consumeBufferingTime;
    private final int consumeBatchSize;
    private final OffsetOutOfRangeStrategy offsetOutOfRangeStrategy;
    private final SerializationConfig serializationConfig;
    private final int maxResponseSizeBytes;
    private final int maxRequestSizeBytes;
    private final List<ClientHooks> hooks;
    private final ProduceInterceptor produceInterceptor;
    private final SecurityConfiguration security;

    private Configuration(Builder b) {
        this.security = requireNonNull("security", b.security);
        if (security.protocol().usesSasl() && b.compatibility != Compatibility.NEGOTIATE) {
            throw new InvalidConfigurationException("security", "SASL needs compatibility=NEGOTIATE (SaslAuthenticate"
                    + " is found through ApiVersions)");
        }
        this.seeds = BrokerAddress.parseList("seeds", b.seeds);
        this.clientId = requireText("clientId", b.clientId);
        this.compatibility = requireNonNull("compatibility", b.compatibility);
        this.messageTtl = positive("messageTtl", b.messageTtl);
        this.refreshMetadataInterval = positive("refreshMetadataInterval", b.refreshMetadataInterval);
        this.errorStrategy = requireNonNull("errorStrategy", b.errorStrategy);
        this.produceBufferingTime = nonNegative("produceBufferingTime", b.produceBufferingTime);
        this.produceBatchSize = atLeast("produceBatchSize", b.produceBatchSize, 1);
        this.batchStrategy = requireNonNull("batchStrategy", b.batchStrategy);
        this.compressionCodec = requireNonNull("compressionCodec", b.compressionCodec);
        if (!CompressionLibraries.isAvailable(compressionCodec)) {
            // lz4-java and zstd-jni are optional jars: say which one to add now rather than fail at the first batch.
            throw new InvalidConfigurationException("compressionCodec",
                    CompressionLibraries.missingLibraryMessage(compressionCodec));
        }
        if (compressionCodec == CompressionCodec.ZSTD && compatibility != Compatibility.NEGOTIATE
                || compressionCodec == CompressionCodec.LZ4 && compatibility == Compatibility.V0_8_2) {
            // Legacy message formats: ZSTD needs magic 2; LZ4 in magic 0 used a wrong frame checksum (KAFKA-3160).
            throw new InvalidConfigurationException("compressionCodec", compressionCodec + " cannot be used with "
                    + "compatibility=" + compatibility + " (message format v" + compatibility.messageFormat()
                    + "); use NONE, GZIP or SNAPPY" + (compatibility == Compatibility.V0_10_1 ? " or LZ4" : ""));
        }
        this.numberOfMessagesBeforeRoundRobin =
                atLeast("numberOfMessagesBeforeRoundRobin", b.numberOfMessagesBeforeRoundRobin, 1);
        this.sendBufferSize = atLeast("sendBufferSize", b.sendBufferSize, 1);
        this.receiveBufferSize = atLeast("receiveBufferSize", b.receiveBufferSize, 1);
        this.requiredAcks = requireNonNull("requiredAcks", b.requiredAcks);
        this.minInSyncReplicas = b.minInSyncReplicas;
        this.retryIfNotEnoughReplicasAfterAppend = b.retryIfNotEnoughReplicasAfterAppend;
        this.requestTimeoutMs = atLeast("requestTimeoutMs", b.requestTimeoutMs, 1);
        this.clientRequestTimeoutMs = atLeast("clientRequestTimeoutMs", b.clientRequestTimeoutMs, 1);
        if (clientRequestTimeoutMs <= requestTimeoutMs) {
            // The broker may legitimately hold a request for requestTimeoutMs; resetting earlier would kill it.
            throw new InvalidConfigurationException("clientRequestTimeoutMs", "must be greater than requestTimeoutMs ("
                    + requestTimeoutMs + " ms), got " + clientRequestTimeoutMs + " ms");
        }
        this.maxInFlightRequests = atLeast("maxInFlightRequests", b.maxInFlightRequests, 1);
        this.executor = b.executor;
        this.maximumConcurrency = atLeast("maximumConcurrency", b.maximumConcurrency, 1);
        this.maxBufferedMessages = b.maxBufferedMessages <= 0 ? -1 : b.maxBufferedMessages;
        this.overflowStrategy = requireNonNull("overflowStrategy", b.overflowStrategy);
        this.fetchMaxWaitTimeMs = atLeast("fetchMaxWaitTimeMs", b.fetchMaxWaitTimeMs, 0);
        this.fetchMinBytes = atLeast("fetchMinBytes", b.fetchMinBytes, 0);
        this.fetchMessageMaxBytes = atLeast("fetchMessageMaxBytes", b.fetchMessageMaxBytes, 1);
        this.fetchMaxBytes = atLeast("fetchMaxBytes", b.fetchMaxBytes, 1);
        this.consumeBufferingTime = nonNegative("consumeBufferingTime", b.consumeBufferingTime);
        this.consumeBatchSize = atLeast("consumeBatchSize", b.consumeBatchSize, 1);
        this.offsetOutOfRangeStrategy = requireNonNull("offsetOutOfRangeStrategy", b.offsetOutOfRangeStrategy);
        this.serializationConfig = requireNonNull("serializationConfig", b.serializationConfig);
        this.maxResponseSizeBytes = atLeast("maxResponseSizeBytes", b.maxResponseSizeBytes, 1024);
        if (fetchMessageMaxBytes > maxResponseSizeBytes || fetchMaxBytes > maxResponseSizeBytes) {
            throw new InvalidConfigurationException("maxResponseSizeBytes", "must be at least fetchMessageMaxBytes ("
                    + fetchMessageMaxBytes + ") and fetchMaxBytes (" + fetchMaxBytes + "), got " + maxResponseSizeBytes);
        }
        this.maxRequestSizeBytes = atLeast("maxRequestSizeBytes", b.maxRequestSizeBytes, MIN_REQUEST_SIZE);
        this.hooks = List.copyOf(b.hooks);
        this.produceInterceptor = b.produceInterceptor;
    }

    /** @return a builder holding every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seeds = seeds.stream().map(BrokerAddress::toString).reduce((x, y) -> x + "," + y).orElse("");
        b.clientId = clientId;
        b.compatibility = compatibility;
        b.messageTtl = messageTtl;
        b.refreshMetadataInterval = refreshMetadataInterval;
        b.errorStrategy = errorStrategy;
        b.produceBufferingTime = produceBufferingTime;
        b.produceBatchSize = produceBatchSize;
        b.batchStrategy = batchStrategy;
        b.compressionCodec = compressionCodec;
        b.numberOfMessagesBeforeRoundRobin = numberOfMessagesBeforeRoundRobin;
        b.sendBufferSize = sendBufferSize;
        b.receiveBufferSize = receiveBufferSize;
        b.requiredAcks = requiredAcks;
        b.minInSyncReplicas = minInSyncReplicas;
        b.retryIfNotEnoughReplicasAfterAppend = retryIfNotEnoughReplicasAfterAppend;
        b.requestTimeoutMs = requestTimeoutMs;
        b.clientRequestTimeoutMs = clientRequestTimeoutMs;
        b.maxInFlightRequests = maxInFlightRequests;
        b.executor = executor;
        b.maximumConcurrency = maximumConcurrency;
        b.maxBufferedMessages = maxBufferedMessages;
        b.overflowStrategy = overflowStrategy;
        b.fetchMaxWaitTimeMs = fetchMaxWaitTimeMs;
        b.fetchMinBytes = fetchMinBytes;
        b.fetchMessageMaxBytes = fetchMessageMaxBytes;
        b.fetchMaxBytes = fetchMaxBytes;
        b.consumeBufferingTime = consumeBufferingTime;
        b.consumeBatchSize = consumeBatchSize;
        b.offsetOutOfRangeStrategy = offsetOutOfRangeStrategy;
        b.serializationConfig = serializationConfig;
        b.maxResponseSizeBytes = maxResponseSizeBytes;
        b.maxRequestSizeBytes = maxRequestSizeBytes;
        b.hooks.addAll(hooks);
        b.produceInterceptor = produceInterceptor;
        b.security = security;
        return b;
    }

    /** @return the brokers used to discover the cluster, never empty */
    public List<BrokerAddress> seeds() { return seeds; }

    /** @return the {@code client_id} sent in every request header; default {@code "hpkafka"} */
    public String clientId() { return clientId; }

    /** @return protocol compatibility mode; default {@link Compatibility#NEGOTIATE} */
    public Compatibility compatibility() { return compatibility; }

    /** @return how long a produced record may wait in the client through errors before it expires; default 1 min */
    public Duration messageTtl() { return messageTtl; }

    /** @return period between two automatic metadata refreshes; default 5 min */
    public Duration refreshMetadataInterval() { return refreshMetadataInterval; }

    /** @return what to do with records whose request failed on the network once sent; default DISCARD */
    public ErrorStrategy errorStrategy() { return errorStrategy; }

    /** @return the longest time a record waits for its batch to fill before the batch is sent; default 5000 ms */
    public Duration produceBufferingTime() { return produceBufferingTime; }

    /** @return records per broker accumulator that trigger sending a Produce request at once; default 200 */
    public int produceBatchSize() { return produceBatchSize; }

    /** @return how records are grouped into Produce requests; default BY_NODE */
    public BatchStrategy batchStrategy() { return batchStrategy; }

    /** @return compression of produced record batches; default NONE */
    public CompressionCodec compressionCodec() { return compressionCodec; }

    /** @return records sent to one partition of a topic before the round robin moves on (unkeyed records); default 1 */
    public int numberOfMessagesBeforeRoundRobin() { return numberOfMessagesBeforeRoundRobin; }

    /** @return socket send buffer size in bytes ({@code SO_SNDBUF}); default 102400 */
    public int sendBufferSize() { return sendBufferSize; }

    /** @return socket receive buffer size in bytes ({@code SO_RCVBUF}); default 65536 */
    public int receiveBufferSize() { return receiveBufferSize; }

    /** @return acknowledgements required for a Produce request; default ALL_IN_SYNC_REPLICAS */
    public RequiredAcks requiredAcks() { return requiredAcks; }

    /** @return in-sync replicas a partition needs to be used with acks=all; {@code <= 0}: leader only; default -1 */
    public int minInSyncReplicas() { return minInSyncReplicas; }

    /** @return whether records rejected with NOT_ENOUGH_REPLICAS_AFTER_APPEND are sent again; default false */
    public boolean retryIfNotEnoughReplicasAfterAppend() { return retryIfNotEnoughReplicasAfterAppend; }

    /** @return broker-side timeout in ms sent in Produce requests; default 10000 */
    public int requestTimeoutMs() { return requestTimeoutMs; }

    /** @return ms after which an unanswered request resets its connection; greater than requestTimeoutMs; default 20000 */
    public int clientRequestTimeoutMs() { return clientRequestTimeoutMs; }

    /** @return unanswered requests allowed per connection before more wait in the client; default 5 */
    public int maxInFlightRequests() { return maxInFlightRequests; }

    /** @return the executor for driver work, or {@code null} for a bounded view over a shared pool (the default) */
    public Executor executor() { return executor; }

    /** @return driver tasks run at once when no executor is given; default 3 */
    public int maximumConcurrency() { return maximumConcurrency; }

    /** @return records allowed to wait in the producer before {@link #overflowStrategy()} applies; -1: unbounded (default) */
    public int maxBufferedMessages() { return maxBufferedMessages; }

    /** @return what produce does when maxBufferedMessages is reached; default BLOCK */
    public OverflowStrategy overflowStrategy() { return overflowStrategy; }

    /** @return Fetch {@code MaxWaitMs}: how long the broker may hold a fetch waiting for fetchMinBytes; default 100 ms */
    public int fetchMaxWaitTimeMs() { return fetchMaxWaitTimeMs; }

    /** @return Fetch {@code MinBytes}: bytes the broker waits for before answering; default 1 */
    public int fetchMinBytes() { return fetchMinBytes; }

    /** @return Fetch partition {@code PartitionMaxBytes} in bytes; default 1048576 (1 MiB) */
    public int fetchMessageMaxBytes() { return fetchMessageMaxBytes; }

    /** @return Fetch response-wide {@code MaxBytes} in bytes (Fetch v3+, KIP-74); default 52428800 (50 MiB) */
    public int fetchMaxBytes() { return fetchMaxBytes; }

    /**
     * @return longest wait of a partition's start-offset lookup (ListOffsets) for the one in flight to the same
     *     broker, so that lookups arriving meanwhile go together; a lookup with none in flight goes at once; default
     *     1000 ms. Fetches need no such wait: one Fetch per broker always carries every partition it leads.
     */
    public Duration consumeBufferingTime() { return consumeBufferingTime; }

    /** @return start-offset lookups for one broker that are sent at once, without waiting; default 10 */
    public int consumeBatchSize() { return consumeBatchSize; }

    /** @return where a partition restarts after OFFSET_OUT_OF_RANGE; default EARLIEST (never skips retained data) */
    public OffsetOutOfRangeStrategy offsetOutOfRangeStrategy() { return offsetOutOfRangeStrategy; }

    /** @return serializers of the untyped object produce, and when they run; default {@link SerializationConfig#DEFAULT} */
    public SerializationConfig serializationConfig() { return serializationConfig; }

    /** @return largest response frame in bytes the client accepts; larger ones reset the connection; default 100 MiB */
    public int maxResponseSizeBytes() { return maxResponseSizeBytes; }

    /**
     * @return the most bytes of record batches one Produce request carries, and so the largest record the client
     *     sends, in bytes, as kafka-clients' {@code max.request.size}; default 1048576 (1 MiB). A record whose
     *     size in a batch (key, value, headers and record overhead, plus the 61-byte batch header) can exceed it is
     *     refused at {@code produce}, before anything of its size is allocated, and discarded as RECORD_TOO_LARGE;
     *     requests are closed before they would pass it. The request header and topic names come on top. The
     *     broker has its own limits: the topic's {@code max.message.bytes} per batch and
     *     {@code socket.request.max.bytes} (100 MiB) per request, past which it closes the connection
     */
    public int maxRequestSizeBytes() { return maxRequestSizeBytes; }

    /** @return instrumentation called per batch, request and fetched partition, in order; default none */
    public List<ClientHooks> hooks() { return hooks; }

    /** @return called for every produced record before it enters the producer, or {@code null} (the default) */
    public ProduceInterceptor produceInterceptor() { return produceInterceptor; }

    private static <T> T requireNonNull(String option, T value) {
        if (value == null) {
            throw new InvalidConfigurationException(option, "must not be null");
        }
        return value;
    }

    private static String requireText(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(option, "must not be empty");
        }
        return value;
    }

    private static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new InvalidConfigurationException(option, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    private static Duration positive(String option, Duration value) {
        requireNonNull(option, value);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(option, "must be positive, got " + value);
        }
        return value;
    }

    private static Duration nonNegative(String option, Duration value) {
        requireNonNull(option, value);
        if (value.isNegative()) {
            throw new InvalidConfigurationException(option, "must not be negative, got " + value);
        }
        return value;
    }

    /** @return TLS and SASL settings of every connection; default {@link SecurityConfiguration#PLAINTEXT} */
    public SecurityConfiguration security() {
        return security;
    }

    /** Mutable holder of options; not thread-safe. Setters return {@code this}. See the getters for meanings. */
    public static final class Builder {
        private String seeds = "";
        private String clientId = "hpkafka";
        private Compatibility compatibility = Compatibility.NEGOTIATE;
        private Duration messageTtl = Duration.ofMinutes(1);
        private Duration refreshMetadataInterval = Duration.ofMinutes(5);
        private ErrorStrategy errorStrategy = ErrorStrategy.DISCARD;
        private Duration produceBufferingTime = Duration.ofMillis(5000);
        private int produceBatchSize = 200;
        private BatchStrategy batchStrategy = BatchStrategy.BY_NODE;
        private CompressionCodec compressionCodec = CompressionCodec.NONE;
        private int numberOfMessagesBeforeRoundRobin = 1;
        private int sendBufferSize = 100 * 1024;
        private int receiveBufferSize = 64 * 1024;
        private RequiredAcks requiredAcks = RequiredAcks.ALL_IN_SYNC_REPLICAS;
        private int minInSyncReplicas = -1;
        private boolean retryIfNotEnoughReplicasAfterAppend;
        private int requestTimeoutMs = 10_000;
        private int clientRequestTimeoutMs = 20_000;
        private int maxInFlightRequests = 5;
        private Executor executor;
        private int maximumConcurrency = 3;
        private int maxBufferedMessages = -1;
        private OverflowStrategy overflowStrategy = OverflowStrategy.BLOCK;
        private int fetchMaxWaitTimeMs = 100;
        private int fetchMinBytes = 1;
        private int fetchMessageMaxBytes = 1024 * 1024;
        private int fetchMaxBytes = 50 * 1024 * 1024;
        private Duration consumeBufferingTime = Duration.ofMillis(1000);
        private int consumeBatchSize = 10;
        private OffsetOutOfRangeStrategy offsetOutOfRangeStrategy = OffsetOutOfRangeStrategy.EARLIEST;
        private SerializationConfig serializationConfig = SerializationConfig.DEFAULT;
        private int maxResponseSizeBytes = 100 * 1024 * 1024;
        private int maxRequestSizeBytes = 1024 * 1024;
        private final List<ClientHooks> hooks = new ArrayList<>();
        private ProduceInterceptor produceInterceptor;
        private SecurityConfiguration security = SecurityConfiguration.PLAINTEXT;

        private Builder() {
        }

        /** @param seeds comma-separated {@code host:port} list of brokers to bootstrap from; required */
        public Builder seeds(String seeds) { this.seeds = seeds; return this; }
        /** @param clientId client id sent to brokers */
        public Builder clientId(String clientId) { this.clientId = clientId; return this; }
        /** @param compatibility protocol compatibility mode */
        public Builder compatibility(Compatibility compatibility) { this.compatibility = compatibility; return this; }
        /** @param messageTtl longest life of a produced record through errors */
        public Builder messageTtl(Duration messageTtl) { this.messageTtl = messageTtl; return this; }
        /** @param interval period between metadata refreshes */
        public Builder refreshMetadataInterval(Duration interval) { this.refreshMetadataInterval = interval; return this; }
        /** @param errorStrategy handling of network errors after send */
        public Builder errorStrategy(ErrorStrategy errorStrategy) { this.errorStrategy = errorStrategy; return this; }
        /** @param time longest wait for a produce batch to fill */
        public Builder produceBufferingTime(Duration time) { this.produceBufferingTime = time; return this; }
        /** @param size records that trigger a Produce request, at least 1 */
        public Builder produceBatchSize(int size) { this.produceBatchSize = size; return this; }
        /** @param strategy produce batching strategy */
        public Builder batchStrategy(BatchStrategy strategy) { this.batchStrategy = strategy; return this; }
        /**
         * @param codec compression of produced batches; LZ4 needs at.yawk.lz4:lz4-java and ZSTD needs
         *        com.github.luben:zstd-jni on the classpath (optional dependencies), else {@link #build()} fails
         */
        public Builder compressionCodec(CompressionCodec codec) { this.compressionCodec = codec; return this; }
        /** @param count records per partition before the round robin moves on, at least 1 */
        public Builder numberOfMessagesBeforeRoundRobin(int count) { this.numberOfMessagesBeforeRoundRobin = count; return this; }
        /** @param bytes {@code SO_SNDBUF} in bytes */
        public Builder sendBufferSize(int bytes) { this.sendBufferSize = bytes; return this; }
        /** @param bytes {@code SO_RCVBUF} in bytes */
        public Builder receiveBufferSize(int bytes) { this.receiveBufferSize = bytes; return this; }
        /** @param acks acknowledgements required */
        public Builder requiredAcks(RequiredAcks acks) { this.requiredAcks = acks; return this; }
        /** @param replicas in-sync replicas required with acks=all; {@code <= 0} for none */
        public Builder minInSyncReplicas(int replicas) { this.minInSyncReplicas = replicas; return this; }
        /** @param retry resend on NOT_ENOUGH_REPLICAS_AFTER_APPEND */
        public Builder retryIfNotEnoughReplicasAfterAppend(boolean retry) { this.retryIfNotEnoughReplicasAfterAppend = retry; return this; }
        /** @param ms broker-side request timeout in ms */
        public Builder requestTimeoutMs(int ms) { this.requestTimeoutMs = ms; return this; }
        /** @param ms client-side request timeout in ms, greater than requestTimeoutMs */
        public Builder clientRequestTimeoutMs(int ms) { this.clientRequestTimeoutMs = ms; return this; }
        /** @param count unanswered requests per connection, at least 1 */
        public Builder maxInFlightRequests(int count) { this.maxInFlightRequests = count; return this; }
        /**
         * @param executor executor for all driver work and for consumers' deliveries (unless a consumer names its
         *     own); overrides maximumConcurrency
         */
        public Builder executor(Executor executor) { this.executor = executor; return this; }
        /**
         * @param tasks driver tasks at once on the shared pool, at least 1 (default 3); the client's consumers deliver
         *     records on at most as many more, a budget of their own
         */
        public Builder maximumConcurrency(int tasks) { this.maximumConcurrency = tasks; return this; }
        /** @param count records waiting in the producer before overflow; {@code <= 0} for unbounded */
        public Builder maxBufferedMessages(int count) { this.maxBufferedMessages = count; return this; }
        /** @param strategy behaviour when maxBufferedMessages is reached */
        public Builder overflowStrategy(OverflowStrategy strategy) { this.overflowStrategy = strategy; return this; }
        /** @param ms Fetch MaxWaitMs in ms */
        public Builder fetchMaxWaitTimeMs(int ms) { this.fetchMaxWaitTimeMs = ms; return this; }
        /** @param bytes Fetch MinBytes */
        public Builder fetchMinBytes(int bytes) { this.fetchMinBytes = bytes; return this; }
        /** @param bytes Fetch per-partition max bytes */
        public Builder fetchMessageMaxBytes(int bytes) { this.fetchMessageMaxBytes = bytes; return this; }
        /** @param bytes Fetch response-wide max bytes */
        public Builder fetchMaxBytes(int bytes) { this.fetchMaxBytes = bytes; return this; }
        /** @param time longest wait before a consume batch is sent */
        public Builder consumeBufferingTime(Duration time) { this.consumeBufferingTime = time; return this; }
        /** @param size partitions per consume batch */
        public Builder consumeBatchSize(int size) { this.consumeBatchSize = size; return this; }
        /** @param strategy where a partition restarts after OFFSET_OUT_OF_RANGE */
        public Builder offsetOutOfRangeStrategy(OffsetOutOfRangeStrategy strategy) { this.offsetOutOfRangeStrategy = strategy; return this; }
        /** @param config serializers of the untyped object produce */
        public Builder serializationConfig(SerializationConfig config) { this.serializationConfig = config; return this; }
        /** @param bytes largest response frame accepted, in bytes */
        public Builder maxResponseSizeBytes(int bytes) { this.maxResponseSizeBytes = bytes; return this; }
        /**
         * @param bytes most bytes of record batches per Produce request, and so the largest record, in bytes; at
         *     least {@value Configuration#MIN_REQUEST_SIZE}; see {@link Configuration#maxRequestSizeBytes()}
         */
        public Builder maxRequestSizeBytes(int bytes) { this.maxRequestSizeBytes = bytes; return this; }
        /**
         * @param hooks instrumentation to add after the hooks already set; the client calls each in order
         * @throws NullPointerException if {@code hooks} is null
         */
        public Builder addHooks(ClientHooks hooks) { this.hooks.add(java.util.Objects.requireNonNull(hooks, "hooks")); return this; }
        /** @param hooks instrumentation replacing the hooks already set (an empty list for none) */
        public Builder hooks(List<ClientHooks> hooks) { this.hooks.clear(); hooks.forEach(this::addHooks); return this; }
        /**
         * @param interceptor called for every produced record on the producing thread (adds headers, for trace
         *     context); {@code null} for none. Not called in the legacy compatibility modes, whose message formats
         *     have no headers
         */
        public Builder produceInterceptor(ProduceInterceptor interceptor) { this.produceInterceptor = interceptor; return this; }

        /** @param security TLS and SASL for every connection; default {@link SecurityConfiguration#PLAINTEXT} */
        public Builder security(SecurityConfiguration security) { this.security = security; return this; }

        /**
         * @return the validated configuration
         * @throws InvalidConfigurationException naming the first option whose value is invalid
         */
        public Configuration build() {
            return new Configuration(this);
        }
    }

    @Override
    public String toString() {
        return "Configuration{seeds=" + seeds + ", clientId=" + clientId + ", requiredAcks=" + requiredAcks
                + ", produceBatchSize=" + produceBatchSize + ", produceBufferingTime=" + produceBufferingTime + '}';
    }
}
