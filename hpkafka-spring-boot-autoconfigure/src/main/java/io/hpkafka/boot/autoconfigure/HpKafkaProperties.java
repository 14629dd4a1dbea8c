package io.hpkafka.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hpkafka.config.AssignmentStrategy;
import io.hpkafka.config.BatchStrategy;
import io.hpkafka.config.Compatibility;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.config.OffsetOutOfRangeStrategy;
import io.hpkafka.config.OverflowStrategy;
import io.hpkafka.config.RequiredAcks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the hpkafka client ({@code hpkafka.*}). Every default equals the default of
 * {@link io.hpkafka.config.Configuration.Builder} (and, under {@code hpkafka.consumer}, of
 * {@link io.hpkafka.config.ConsumerGroupConfiguration.Builder}); a bare number given for a duration means
 * milliseconds, for a data size bytes. The one builder option without a property is the driver's {@code executor}:
 * set it with an {@link HpKafkaConfigurationCustomizer}. Options of the builder may also be set by name in
 * {@link #getProperties() hpkafka.properties.*}, applied after the typed properties. {@code docs/configuration.md}
 * lists every key; a field needs a one-sentence Javadoc and an initializer (tests check the metadata).
 */
@ConfigurationProperties("hpkafka")
public class HpKafkaProperties {

    /**
     * Comma-separated list of host:port pairs of the brokers used to discover the cluster.
     */
    private @Nullable String seeds;

    /**
     * Client id sent to the brokers with every request.
     */
    private String clientId = "hpkafka";

    /**
     * Protocol compatibility mode: negotiate the versions with each broker, or pin a legacy protocol.
     */
    private Compatibility compatibility = Compatibility.NEGOTIATE;

    /**
     * Broker-side timeout of a request.
     */
    private Duration requestTimeout = Duration.ofSeconds(10);

    /**
     * Time after which an unanswered request resets its connection; must be greater than the request timeout.
     */
    private Duration clientRequestTimeout = Duration.ofSeconds(20);

    /**
     * Maximum number of unanswered requests per broker connection.
     */
    private int maxInFlightRequests = 5;

    /**
     * Socket send buffer size (SO_SNDBUF).
     */
    private DataSize sendBufferSize = DataSize.ofKilobytes(100);

    /**
     * Socket receive buffer size (SO_RCVBUF).
     */
    private DataSize receiveBufferSize = DataSize.ofKilobytes(64);

    /**
     * Period between two automatic refreshes of the cluster metadata.
     */
    private Duration refreshMetadataInterval = Duration.ofMinutes(5);

    /**
     * Maximum number of driver tasks run at once on the shared thread pool.
     */
    private int maximumConcurrency = 3;

    /**
     * Largest response the client accepts from a broker; a larger one resets the connection.
     */
    private DataSize maxResponseSize = DataSize.ofMegabytes(100);

    /**
     * Options of the client's Configuration builder set by name (e.g. produce-batch-size=500, camelCase accepted),
     * applied after the typed properties; an unknown name or a bad value fails start-up.
     */
    private Map<String, String> properties = new LinkedHashMap<>();

    private final Producer producer = new Producer();

    private final Consumer consumer = new Consumer();

    private final Admin admin = new Admin();

    @NestedConfigurationProperty
    private final HpKafkaSecurityProperties security = new HpKafkaSecurityProperties();

    public @Nullable String getSeeds() {
        return this.seeds;
    }

    public void setSeeds(@Nullable String seeds) {
        this.seeds = seeds;
    }

    public String getClientId() {
        return this.clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Compatibility getCompatibility() {
        return this.compatibility;
    }

    public void setCompatibility(Compatibility compatibility) {
        this.compatibility = compatibility;
    }

    public Duration getRequestTimeout() {
        return this.requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getClientRequestTimeout() {
        return this.clientRequestTimeout;
    }

    public void setClientRequestTimeout(Duration clientRequestTimeout) {
        this.clientRequestTimeout = clientRequestTimeout;
    }

    public int getMaxInFlightRequests() {
        return this.maxInFlightRequests;
    }

    public void setMaxInFlightRequests(int maxInFlightRequests) {
        this.maxInFlightRequests = maxInFlightRequests;
    }

    public DataSize getSendBufferSize() {
        return this.sendBufferSize;
    }

    public void setSendBufferSize(DataSize sendBufferSize) {
        this.sendBufferSize = sendBufferSize;
    }

    public DataSize getReceiveBufferSize() {
        return this.receiveBufferSize;
    }

    public void setReceiveBufferSize(DataSize receiveBufferSize) {
        this.receiveBufferSize = receiveBufferSize;
    }

    public Duration getRefreshMetadataInterval() {
        return this.refreshMetadataInterval;
    }

    public void setRefreshMetadataInterval(Duration refreshMetadataInterval) {
        this.refreshMetadataInterval = refreshMetadataInterval;
    }

    public int getMaximumConcurrency() {
        return this.maximumConcurrency;
    }

    public void setMaximumConcurrency(int maximumConcurrency) {
        this.maximumConcurrency = maximumConcurrency;
    }

    public DataSize getMaxResponseSize() {
        return this.maxResponseSize;
    }

    public void setMaxResponseSize(DataSize maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public Map<String, String> getProperties() {
        return this.properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    public Producer getProducer() {
        return this.producer;
    }

    public Consumer getConsumer() {
        return this.consumer;
    }

    public Admin getAdmin() {
        return this.admin;
    }

    public HpKafkaSecurityProperties getSecurity() {
        return this.security;
    }

    /**
     * Producer properties ({@code hpkafka.producer.*}).
     */
    public static class Producer {

        /**
         * Acknowledgements the partition leader waits for before answering a produce request.
         */
        private RequiredAcks requiredAcks = RequiredAcks.ALL_IN_SYNC_REPLICAS;

        /**
         * Number of records waiting for one broker that makes the producer send them at once.
         */
        private int batchSize = 200;

        /**
         * Longest time a record waits for its batch to fill before the batch is sent.
         */
        private Duration bufferingTime = Duration.ofSeconds(5);

        /**
         * Most bytes of record batches in one produce request, and so the largest record the producer sends; larger
         * records are discarded as too large when produced.
         */
        private DataSize maxRequestSize = DataSize.ofMegabytes(1);

        /**
         * How records are grouped into produce requests: one accumulator per broker, or one for the client.
         */
        private BatchStrategy batchStrategy = BatchStrategy.BY_NODE;

        /**
         * Compression codec applied to each produced record batch.
         */
        private CompressionCodec compressionCodec = CompressionCodec.NONE;

        /**
         * What to do with records whose request failed on the network after it was sent: discard or retry them.
         */
        private ErrorStrategy errorStrategy = ErrorStrategy.DISCARD;

        /**
         * Longest time a record may stay in the client through errors before it is reported as expired.
         */
        private Duration messageTtl = Duration.ofMinutes(1);

        /**
         * Maximum number of records waiting in the producer before the overflow strategy applies; 0 or less for no
         * limit.
         */
        private int maxBufferedMessages = -1;

        /**
         * What producing does once the maximum number of buffered records is reached: block or discard.
         */
        private OverflowStrategy overflowStrategy = OverflowStrategy.BLOCK;

        /**
         * Number of records without a key sent to one partition before the round robin moves to the next.
         */
        private int numberOfMessagesBeforeRoundRobin = 1;

        /**
         * In-sync replicas a partition needs to be produced to with acknowledgements from all replicas; 0 or less
         * for the leader alone.
         */
        private int minInSyncReplicas = -1;

        /**
         * Whether records rejected with NOT_ENOUGH_REPLICAS_AFTER_APPEND are sent again.
         */
        private boolean retryIfNotEnoughReplicasAfterAppend = false;

        /**
         * Whether keys and values of the untyped object produce are serialized at once (no reference kept) rather
         * than when their batch is sent (originals kept for discard and expiry events, then closed if closeable).
         */
        private boolean serializeOnProduce = false;

        /**
         * Serializer of keys of every topic: a bean name, or the name of a class implementing
         * io.hpkafka.serialization.Serializer with a public no-argument constructor; it applies to the keys of its
         * type. Unset: byte[], String, ByteBuffer and MemorySerializable as they are, other types of a typed
         * producer by a Serializer bean of that type, else as JSON.
         */
        private @Nullable String keySerializer;

        /**
         * Serializer of values of every topic: a bean name, or a class name, as for key-serializer.
         */
        private @Nullable String valueSerializer;

        /**
         * Serializers of keys per topic (bean or class names, as for key-serializer), before key-serializer. A topic
         * name with dots is written in brackets: key-serializers[orders.v2].
         */
        private Map<String, String> keySerializers = new LinkedHashMap<>();

        /**
         * Serializers of values per topic (bean or class names, as for key-serializer), before value-serializer. A
         * topic name with dots is written in brackets: value-serializers[orders.v2].
         */
        private Map<String, String> valueSerializers = new LinkedHashMap<>();

        public @Nullable String getKeySerializer() {
            return this.keySerializer;
        }

        public void setKeySerializer(@Nullable String keySerializer) {
            this.keySerializer = keySerializer;
        }

        public @Nullable String getValueSerializer() {
            return this.valueSerializer;
        }

        public void setValueSerializer(@Nullable String valueSerializer) {
            this.valueSerializer = valueSerializer;
        }

        public Map<String, String> getKeySerializers() {
            return this.keySerializers;
        }

        public void setKeySerializers(Map<String, String> keySerializers) {
            this.keySerializers = keySerializers;
        }

        public Map<String, String> getValueSerializers() {
            return this.valueSerializers;
        }

        public void setValueSerializers(Map<String, String> valueSerializers) {
            this.valueSerializers = valueSerializers;
        }

        /**
         * Whether produced records are observed with Micrometer Observation, their trace context written into a
         * traceparent header (W3C) when a tracer is configured; needs an ObservationRegistry bean.
         */
        private boolean observationEnabled = false;

        public boolean isObservationEnabled() {
            return this.observationEnabled;
        }

        public void setObservationEnabled(boolean observationEnabled) {
            this.observationEnabled = observationEnabled;
        }

        public boolean isSerializeOnProduce() {
            return this.serializeOnProduce;
        }

        public void setSerializeOnProduce(boolean serializeOnProduce) {
            this.serializeOnProduce = serializeOnProduce;
        }

        public RequiredAcks getRequiredAcks() {
            return this.requiredAcks;
        }

        public void setRequiredAcks(RequiredAcks requiredAcks) {
            this.requiredAcks = requiredAcks;
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getBufferingTime() {
            return this.bufferingTime;
        }

        public void setBufferingTime(Duration bufferingTime) {
            this.bufferingTime = bufferingTime;
        }

        public BatchStrategy getBatchStrategy() {
            return this.batchStrategy;
        }

        public void setBatchStrategy(BatchStrategy batchStrategy) {
            this.batchStrategy = batchStrategy;
        }

        public CompressionCodec getCompressionCodec() {
            return this.compressionCodec;
        }

        public void setCompressionCodec(CompressionCodec compressionCodec) {
            this.compressionCodec = compressionCodec;
        }

        public ErrorStrategy getErrorStrategy() {
            return this.errorStrategy;
        }

        public void setErrorStrategy(ErrorStrategy errorStrategy) {
            this.errorStrategy = errorStrategy;
        }

        public Duration getMessageTtl() {
            return this.messageTtl;
        }

        public void setMessageTtl(Duration messageTtl) {
            this.messageTtl = messageTtl;
        }

        public int getMaxBufferedMessages() {
            return this.maxBufferedMessages;
        }

        public void setMaxBufferedMessages(int maxBufferedMessages) {
            this.maxBufferedMessages = maxBufferedMessages;
        }

        public OverflowStrategy getOverflowStrategy() {
            return this.overflowStrategy;
        }

        public void setOverflowStrategy(OverflowStrategy overflowStrategy) {
            this.overflowStrategy = overflowStrategy;
        }

        public int getNumberOfMessagesBeforeRoundRobin() {
            return this.numberOfMessagesBeforeRoundRobin;
        }

        public void setNumberOfMessagesBeforeRoundRobin(int numberOfMessagesBeforeRoundRobin) {
            this.numberOfMessagesBeforeRoundRobin = numberOfMessagesBeforeRoundRobin;
        }

        public DataSize getMaxRequestSize() {
            return this.maxRequestSize;
        }

        public void setMaxRequestSize(DataSize maxRequestSize) {
            this.maxRequestSize = maxRequestSize;
        }

        public int getMinInSyncReplicas() {
            return this.minInSyncReplicas;
        }

        public void setMinInSyncReplicas(int minInSyncReplicas) {
            this.minInSyncReplicas = minInSyncReplicas;
        }

        public boolean isRetryIfNotEnoughReplicasAfterAppend() {
            return this.retryIfNotEnoughReplicasAfterAppend;
        }

        public void setRetryIfNotEnoughReplicasAfterAppend(boolean retryIfNotEnoughReplicasAfterAppend) {
            this.retryIfNotEnoughReplicasAfterAppend = retryIfNotEnoughReplicasAfterAppend;
        }

    }

    /**
     * Consumer properties ({@code hpkafka.consumer.*}).
     */
    public static class Consumer {

        /**
         * Consumer group of @HpKafkaListener methods that name none; unset: those run in simple mode (every
         * partition, no commits).
         */
        private @Nullable String groupId;

        /**
         * Where a group member starts in a partition the group has no committed offset for, and where a
         * simple-mode listener starts.
         */
        private DefaultOffset defaultOffset = DefaultOffset.LATEST;

        /**
         * How long the group coordinator waits for a heartbeat before it removes a member.
         */
        private Duration sessionTimeout = Duration.ofSeconds(30);

        /**
         * How long members have to rejoin during a rebalance.
         */
        private Duration rebalanceTimeout = Duration.ofSeconds(20);

        /**
         * Time between heartbeats; unset: a third of the session timeout, at most 3 s.
         */
        private @Nullable Duration heartbeatInterval;

        /**
         * Partition assignors offered to the group, in preference order.
         */
        private List<AssignmentStrategy> assignmentStrategies = new ArrayList<>(
                List.of(AssignmentStrategy.RANGE, AssignmentStrategy.ROUND_ROBIN));

        /**
         * How long the broker keeps the group's committed offsets; unset: the broker's default.
         */
        private @Nullable Duration offsetRetention;

        /**
         * Pause between two attempts to find the group coordinator while none answers.
         */
        private Duration coordinatorDiscoveryRetryTime = Duration.ofSeconds(1);

        /**
         * Period of automatic commits of a group subscribed through the auto-configured ConsumerGroupConfiguration
         * bean; 0 for commits by commit() only. Listener containers commit by their ack mode instead.
         */
        private Duration autoCommitInterval = Duration.ofSeconds(5);

        /**
         * Whether commits of a group subscribed through the auto-configured ConsumerGroupConfiguration bean carry
         * only the offsets marked processed. Listener containers always commit what they mark.
         */
        private boolean commitMarkedOnly = false;

        public Duration getCoordinatorDiscoveryRetryTime() {
            return this.coordinatorDiscoveryRetryTime;
        }

        public void setCoordinatorDiscoveryRetryTime(Duration coordinatorDiscoveryRetryTime) {
            this.coordinatorDiscoveryRetryTime = coordinatorDiscoveryRetryTime;
        }

        public Duration getAutoCommitInterval() {
            return this.autoCommitInterval;
        }

        public void setAutoCommitInterval(Duration autoCommitInterval) {
            this.autoCommitInterval = autoCommitInterval;
        }

        public boolean isCommitMarkedOnly() {
            return this.commitMarkedOnly;
        }

        public void setCommitMarkedOnly(boolean commitMarkedOnly) {
            this.commitMarkedOnly = commitMarkedOnly;
        }

        public @Nullable String getGroupId() {
            return this.groupId;
        }

        public void setGroupId(@Nullable String groupId) {
            this.groupId = groupId;
        }

        public DefaultOffset getDefaultOffset() {
            return this.defaultOffset;
        }

        public void setDefaultOffset(DefaultOffset defaultOffset) {
            this.defaultOffset = defaultOffset;
        }

        public Duration getSessionTimeout() {
            return this.sessionTimeout;
        }

        public void setSessionTimeout(Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
        }

        public Duration getRebalanceTimeout() {
            return this.rebalanceTimeout;
        }

        public void setRebalanceTimeout(Duration rebalanceTimeout) {
            this.rebalanceTimeout = rebalanceTimeout;
        }

        public @Nullable Duration getHeartbeatInterval() {
            return this.heartbeatInterval;
        }

        public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }

        public List<AssignmentStrategy> getAssignmentStrategies() {
            return this.assignmentStrategies;
        }

        public void setAssignmentStrategies(List<AssignmentStrategy> assignmentStrategies) {
            this.assignmentStrategies = assignmentStrategies;
        }

        public @Nullable Duration getOffsetRetention() {
            return this.offsetRetention;
        }

        public void setOffsetRetention(@Nullable Duration offsetRetention) {
            this.offsetRetention = offsetRetention;
        }

        /**
         * Longest time a broker may hold a fetch request while waiting for the minimum fetch size.
         */
        private Duration fetchMaxWait = Duration.ofMillis(100);

        /**
         * Minimum amount of data a broker waits for before answering a fetch request.
         */
        private DataSize fetchMinBytes = DataSize.ofBytes(1);

        /**
         * Maximum amount of data fetched from one partition in one fetch request.
         */
        private DataSize fetchMessageMaxBytes = DataSize.ofMegabytes(1);

        /**
         * Maximum amount of data a broker returns in one fetch response, all partitions together.
         */
        private DataSize fetchMaxBytes = DataSize.ofMegabytes(50);

        /**
         * Longest wait before a batch of consume requests (offsets and fetches) is sent.
         */
        private Duration bufferingTime = Duration.ofSeconds(1);

        /**
         * Number of partitions in a consume batch that makes the client send it at once.
         */
        private int batchSize = 10;

        /**
         * Where a partition restarts when its position is out of range (records deleted, or beyond the end).
         */
        private OffsetOutOfRangeStrategy offsetOutOfRangeStrategy = OffsetOutOfRangeStrategy.EARLIEST;

        public OffsetOutOfRangeStrategy getOffsetOutOfRangeStrategy() {
            return this.offsetOutOfRangeStrategy;
        }

        public void setOffsetOutOfRangeStrategy(OffsetOutOfRangeStrategy offsetOutOfRangeStrategy) {
            this.offsetOutOfRangeStrategy = offsetOutOfRangeStrategy;
        }

        public Duration getFetchMaxWait() {
            return this.fetchMaxWait;
        }

        public void setFetchMaxWait(Duration fetchMaxWait) {
            this.fetchMaxWait = fetchMaxWait;
        }

        public DataSize getFetchMinBytes() {
            return this.fetchMinBytes;
        }

        public void setFetchMinBytes(DataSize fetchMinBytes) {
            this.fetchMinBytes = fetchMinBytes;
        }

        public DataSize getFetchMessageMaxBytes() {
            return this.fetchMessageMaxBytes;
        }

        public void setFetchMessageMaxBytes(DataSize fetchMessageMaxBytes) {
            this.fetchMessageMaxBytes = fetchMessageMaxBytes;
        }

        public DataSize getFetchMaxBytes() {
            return this.fetchMaxBytes;
        }

        public void setFetchMaxBytes(DataSize fetchMaxBytes) {
            this.fetchMaxBytes = fetchMaxBytes;
        }

        public Duration getBufferingTime() {
            return this.bufferingTime;
        }

        public void setBufferingTime(Duration bufferingTime) {
            this.bufferingTime = bufferingTime;
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

    }

    /**
     * Topic declaration properties ({@code hpkafka.admin.*}): what happens at start-up to the declared
     * {@code io.hpkafka.admin.NewTopic} beans.
     */
    public static class Admin {

        /**
         * Whether declared topics are created at start-up when missing and checked when present.
         */
        private boolean autoCreate = true;

        /**
         * Whether start-up fails when a declared topic cannot be created or checked, or has fewer partitions than
         * declared, instead of logging a warning.
         */
        private boolean failFast = false;

        /**
         * Longest time start-up waits for the declared topics to be checked and created.
         */
        private Duration operationTimeout = Duration.ofSeconds(30);

        public boolean isAutoCreate() {
            return this.autoCreate;
        }

        public void setAutoCreate(boolean autoCreate) {
            this.autoCreate = autoCreate;
        }

        public boolean isFailFast() {
            return this.failFast;
        }

        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }

        public Duration getOperationTimeout() {
            return this.operationTimeout;
        }

        public void setOperationTimeout(Duration operationTimeout) {
            this.operationTimeout = operationTimeout;
        }

    }

}
