package io.hpkafka.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.hpkafka.boot.autoconfigure.producer.ConfiguredSerializers;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Builds the {@link Configuration} from {@link HpKafkaProperties} (the typed properties, then the
 * {@code hpkafka.properties.*} overrides), {@link HpKafkaConnectionDetails} and the customizers, and the
 * {@link ConsumerGroupConfiguration} from {@code hpkafka.consumer.*}; reports an invalid option under the Spring
 * property that set it so that Spring Boot's failure analysis names {@code hpkafka.producer.batch-size} rather than
 * the builder's {@code produceBatchSize}.
 */
final class HpKafkaConfigurationFactory {

    /**
     * Builder option (as {@link InvalidConfigurationException#option()} names it) to property name and bound value.
     * A test checks that every builder option but {@code executor} is here.
     */
    static final Map<String, PropertyRef> PROPERTY_BY_OPTION = Map.ofEntries(
            ref("seeds", "hpkafka.seeds", HpKafkaProperties::getSeeds),
            ref("clientId", "hpkafka.client-id", HpKafkaProperties::getClientId),
            ref("compatibility", "hpkafka.compatibility", HpKafkaProperties::getCompatibility),
            ref("requestTimeoutMs", "hpkafka.request-timeout", HpKafkaProperties::getRequestTimeout),
            ref("clientRequestTimeoutMs", "hpkafka.client-request-timeout",
                    HpKafkaProperties::getClientRequestTimeout),
            ref("maxInFlightRequests", "hpkafka.max-in-flight-requests", HpKafkaProperties::getMaxInFlightRequests),
            ref("sendBufferSize", "hpkafka.send-buffer-size", HpKafkaProperties::getSendBufferSize),
            ref("receiveBufferSize", "hpkafka.receive-buffer-size", HpKafkaProperties::getReceiveBufferSize),
            ref("refreshMetadataInterval", "hpkafka.refresh-metadata-interval",
                    HpKafkaProperties::getRefreshMetadataInterval),
            ref("maximumConcurrency", "hpkafka.maximum-concurrency", HpKafkaProperties::getMaximumConcurrency),
            ref("maxResponseSizeBytes", "hpkafka.max-response-size", HpKafkaProperties::getMaxResponseSize),
            ref("security", "hpkafka.security.protocol", (p) -> p.getSecurity().getProtocol()),
            ref("requiredAcks", "hpkafka.producer.required-acks", (p) -> p.getProducer().getRequiredAcks()),
            ref("produceBatchSize", "hpkafka.producer.batch-size", (p) -> p.getProducer().getBatchSize()),
            ref("produceBufferingTime", "hpkafka.producer.buffering-time",
                    (p) -> p.getProducer().getBufferingTime()),
            ref("maxRequestSizeBytes", "hpkafka.producer.max-request-size", (p) -> p.getProducer().getMaxRequestSize()),
            ref("batchStrategy", "hpkafka.producer.batch-strategy", (p) -> p.getProducer().getBatchStrategy()),
            ref("compressionCodec", "hpkafka.producer.compression-codec",
                    (p) -> p.getProducer().getCompressionCodec()),
            ref("errorStrategy", "hpkafka.producer.error-strategy", (p) -> p.getProducer().getErrorStrategy()),
            ref("messageTtl", "hpkafka.producer.message-ttl", (p) -> p.getProducer().getMessageTtl()),
            ref("maxBufferedMessages", "hpkafka.producer.max-buffered-messages",
                    (p) -> p.getProducer().getMaxBufferedMessages()),
            ref("overflowStrategy", "hpkafka.producer.overflow-strategy",
                    (p) -> p.getProducer().getOverflowStrategy()),
            ref("numberOfMessagesBeforeRoundRobin", "hpkafka.producer.number-of-messages-before-round-robin",
                    (p) -> p.getProducer().getNumberOfMessagesBeforeRoundRobin()),
            ref("minInSyncReplicas", "hpkafka.producer.min-in-sync-replicas",
                    (p) -> p.getProducer().getMinInSyncReplicas()),
            ref("serializationConfig", "hpkafka.producer.serialize-on-produce",
                    (p) -> p.getProducer().isSerializeOnProduce()),
            ref("retryIfNotEnoughReplicasAfterAppend", "hpkafka.producer.retry-if-not-enough-replicas-after-append",
                    (p) -> p.getProducer().isRetryIfNotEnoughReplicasAfterAppend()),
            ref("fetchMaxWaitTimeMs", "hpkafka.consumer.fetch-max-wait", (p) -> p.getConsumer().getFetchMaxWait()),
            ref("fetchMinBytes", "hpkafka.consumer.fetch-min-bytes", (p) -> p.getConsumer().getFetchMinBytes()),
            ref("fetchMessageMaxBytes", "hpkafka.consumer.fetch-message-max-bytes",
                    (p) -> p.getConsumer().getFetchMessageMaxBytes()),
            ref("fetchMaxBytes", "hpkafka.consumer.fetch-max-bytes", (p) -> p.getConsumer().getFetchMaxBytes()),
            ref("consumeBufferingTime", "hpkafka.consumer.buffering-time",
                    (p) -> p.getConsumer().getBufferingTime()),
            ref("consumeBatchSize", "hpkafka.consumer.batch-size", (p) -> p.getConsumer().getBatchSize()),
            ref("offsetOutOfRangeStrategy", "hpkafka.consumer.offset-out-of-range-strategy",
                    (p) -> p.getConsumer().getOffsetOutOfRangeStrategy()));

    /**
     * {@link ConsumerGroupConfiguration.Builder} option to property name and bound value. A test checks that every
     * builder option is here.
     */
    static final Map<String, PropertyRef> GROUP_PROPERTY_BY_OPTION = Map.ofEntries(
            ref("sessionTimeout", "hpkafka.consumer.session-timeout", (p) -> p.getConsumer().getSessionTimeout()),
            ref("rebalanceTimeout", "hpkafka.consumer.rebalance-timeout",
                    (p) -> p.getConsumer().getRebalanceTimeout()),
            ref("heartbeatInterval", "hpkafka.consumer.heartbeat-interval",
                    (p) -> p.getConsumer().getHeartbeatInterval()),
            ref("autoCommitEveryMs", "hpkafka.consumer.auto-commit-interval",
                    (p) -> p.getConsumer().getAutoCommitInterval()),
            ref("offsetRetention", "hpkafka.consumer.offset-retention", (p) -> p.getConsumer().getOffsetRetention()),
            ref("defaultOffset", "hpkafka.consumer.default-offset", (p) -> p.getConsumer().getDefaultOffset()),
            ref("coordinatorDiscoveryRetryTime", "hpkafka.consumer.coordinator-discovery-retry-time",
                    (p) -> p.getConsumer().getCoordinatorDiscoveryRetryTime()),
            ref("assignmentStrategies", "hpkafka.consumer.assignment-strategies",
                    (p) -> p.getConsumer().getAssignmentStrategies()),
            ref("commitMarkedOnly", "hpkafka.consumer.commit-marked-only",
                    (p) -> p.getConsumer().isCommitMarkedOnly()));

    private final HpKafkaProperties properties;

    private final HpKafkaConnectionDetails connectionDetails;

    private final List<HpKafkaConfigurationCustomizer> customizers;

    private final ConfiguredSerializers serializers;

    HpKafkaConfigurationFactory(HpKafkaProperties properties, HpKafkaConnectionDetails connectionDetails,
            List<HpKafkaConfigurationCustomizer> customizers, ConfiguredSerializers serializers) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
        this.customizers = customizers;
        this.serializers = serializers;
    }

    /**
     * Builds and validates the configuration.
     * @return the configuration
     * @throws InvalidConfigurationPropertyValueException naming the {@code hpkafka.*} property whose value is invalid
     * @throws IllegalStateException if the seeds of a custom {@link HpKafkaConnectionDetails} are invalid
     */
    Configuration create() {
        Configuration.Builder builder = Configuration.builder();
        applyProperties(builder);
        Map<String, String> overrides = this.properties.getProperties();
        Map<String, String> overridden = ConfigurationOverrides.apply(builder, overrides);
        builder.seeds(this.connectionDetails.getSeeds());
        this.customizers.forEach((customizer) -> customizer.customize(builder));
        try {
            return builder.build();
        }
        catch (InvalidConfigurationException ex) {
            RuntimeException translated = ConfigurationOverrides.translate(ex, overridden, overrides);
            throw (translated != null) ? translated : translate(ex);
        }
    }

    /**
     * Builds and validates the consumer-group settings of {@code hpkafka.consumer.*}.
     * @param properties the bound properties
     * @return the configuration
     * @throws InvalidConfigurationPropertyValueException naming the {@code hpkafka.consumer.*} property whose value
     * is invalid
     */
    static ConsumerGroupConfiguration createGroupConfiguration(HpKafkaProperties properties) {
        HpKafkaProperties.Consumer consumer = properties.getConsumer();
        try {
            return ConsumerGroupConfiguration.builder()
                .sessionTimeout(consumer.getSessionTimeout())
                .rebalanceTimeout(consumer.getRebalanceTimeout())
                .heartbeatInterval(consumer.getHeartbeatInterval())
                .autoCommitEveryMs(millis("hpkafka.consumer.auto-commit-interval", consumer.getAutoCommitInterval()))
                .offsetRetention(consumer.getOffsetRetention())
                .defaultOffset(consumer.getDefaultOffset())
                .coordinatorDiscoveryRetryTime(consumer.getCoordinatorDiscoveryRetryTime())
                .assignmentStrategies(consumer.getAssignmentStrategies())
                .commitMarkedOnly(consumer.isCommitMarkedOnly())
                .build();
        }
        catch (InvalidConfigurationException ex) {
            throw translate(ex, GROUP_PROPERTY_BY_OPTION, properties);
        }
    }

    private void applyProperties(Configuration.Builder builder) {
        HpKafkaProperties p = this.properties;
        builder.clientId(p.getClientId())
            .compatibility(p.getCompatibility())
            .requestTimeoutMs(millis("hpkafka.request-timeout", p.getRequestTimeout()))
            .clientRequestTimeoutMs(millis("hpkafka.client-request-timeout", p.getClientRequestTimeout()))
            .maxInFlightRequests(p.getMaxInFlightRequests())
            .sendBufferSize(bytes("hpkafka.send-buffer-size", p.getSendBufferSize()))
            .receiveBufferSize(bytes("hpkafka.receive-buffer-size", p.getReceiveBufferSize()))
            .refreshMetadataInterval(p.getRefreshMetadataInterval())
            .maximumConcurrency(p.getMaximumConcurrency())
            .maxResponseSizeBytes(bytes("hpkafka.max-response-size", p.getMaxResponseSize()));
        HpKafkaProperties.Producer producer = p.getProducer();
        builder.requiredAcks(producer.getRequiredAcks())
            .produceBatchSize(producer.getBatchSize())
            .produceBufferingTime(producer.getBufferingTime())
            .maxRequestSizeBytes(bytes("hpkafka.producer.max-request-size", producer.getMaxRequestSize()))
            .batchStrategy(producer.getBatchStrategy())
            .compressionCodec(producer.getCompressionCodec())
            .errorStrategy(producer.getErrorStrategy())
            .messageTtl(producer.getMessageTtl())
            .maxBufferedMessages(producer.getMaxBufferedMessages())
            .overflowStrategy(producer.getOverflowStrategy())
            .numberOfMessagesBeforeRoundRobin(producer.getNumberOfMessagesBeforeRoundRobin())
            .minInSyncReplicas(producer.getMinInSyncReplicas())
            .retryIfNotEnoughReplicasAfterAppend(producer.isRetryIfNotEnoughReplicasAfterAppend())
            .serializationConfig(this.serializers.serializationConfig(producer.isSerializeOnProduce()));
        HpKafkaProperties.Consumer consumer = p.getConsumer();
        builder.fetchMaxWaitTimeMs(millis("hpkafka.consumer.fetch-max-wait", consumer.getFetchMaxWait()))
            .fetchMinBytes(bytes("hpkafka.consumer.fetch-min-bytes", consumer.getFetchMinBytes()))
            .fetchMessageMaxBytes(bytes("hpkafka.consumer.fetch-message-max-bytes", consumer.getFetchMessageMaxBytes()))
            .fetchMaxBytes(bytes("hpkafka.consumer.fetch-max-bytes", consumer.getFetchMaxBytes()))
            .consumeBufferingTime(consumer.getBufferingTime())
            .consumeBatchSize(consumer.getBatchSize())
            .offsetOutOfRangeStrategy(consumer.getOffsetOutOfRangeStrategy());
    }

    private RuntimeException translate(InvalidConfigurationException ex) {
        String reason = reason(ex);
        if ("seeds".equals(ex.option()) && !(this.connectionDetails instanceof PropertiesHpKafkaConnectionDetails)) {
            return new IllegalStateException("Invalid seeds '" + this.connectionDetails.getSeeds() + "' supplied by "
                    + this.connectionDetails.getClass().getName() + ": " + reason, ex);
        }
        return translate(ex, PROPERTY_BY_OPTION, this.properties);
    }

    private static RuntimeException translate(InvalidConfigurationException ex, Map<String, PropertyRef> refs,
            HpKafkaProperties properties) {
        String reason = reason(ex);
        for (Map.Entry<String, PropertyRef> other : refs.entrySet()) {
            // "must be greater than requestTimeoutMs" names the property the user knows: hpkafka.request-timeout.
            reason = reason.replaceAll("\\b" + other.getKey() + "\\b", other.getValue().property());
        }
        PropertyRef ref = refs.get(ex.option());
        if (ref == null) {
            // An option without a property (the executor) or one a customizer set: the core's message names it.
            return ex;
        }
        InvalidConfigurationPropertyValueException translated = new InvalidConfigurationPropertyValueException(
                ref.property(), ref.value().apply(properties), reason);
        translated.initCause(ex);
        return translated;
    }

    // The property name takes the place of the option name, so only the reason is kept.
    private static String reason(InvalidConfigurationException ex) {
        return ex.reason();
    }

    // Durations travel to the core as int milliseconds.
    private static int millis(String property, @Nullable Duration value) {
        if (value == null) {
            throw new InvalidConfigurationPropertyValueException(property, null, "must be set");
        }
        long ms = value.toMillis();
        if (ms > Integer.MAX_VALUE || ms < Integer.MIN_VALUE) {
            throw new InvalidConfigurationPropertyValueException(property, value,
                    "must be at most " + Integer.MAX_VALUE + " ms");
        }
        return (int) ms;
    }

    // Sizes travel to the core as int bytes.
    private static int bytes(String property, @Nullable DataSize value) {
        if (value == null) {
            throw new InvalidConfigurationPropertyValueException(property, null, "must be set");
        }
        long bytes = value.toBytes();
        if (bytes > Integer.MAX_VALUE || bytes < Integer.MIN_VALUE) {
            throw new InvalidConfigurationPropertyValueException(property, value,
                    "must be at most " + Integer.MAX_VALUE + " bytes (2 GB - 1)");
        }
        return (int) bytes;
    }

    private static Map.Entry<String, PropertyRef> ref(String option, String property,
            Function<HpKafkaProperties, @Nullable Object> value) {
        return Map.entry(option, new PropertyRef(property, value));
    }

    /**
     * A Spring property and how to read its bound value.
     * @param property the property name, e.g. {@code hpkafka.producer.batch-size}
     * @param value reads the bound value
     */
    record PropertyRef(String property, Function<HpKafkaProperties, @Nullable Object> value) {
    }

}
