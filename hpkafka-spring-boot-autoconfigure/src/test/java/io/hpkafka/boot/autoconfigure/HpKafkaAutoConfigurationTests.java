package io.hpkafka.boot.autoconfigure;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.KafkaProducer;
import io.hpkafka.config.BatchStrategy;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.config.OverflowStrategy;
import io.hpkafka.config.RequiredAcks;
import io.hpkafka.boot.autoconfigure.listener.GroupSettings;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry;
import io.hpkafka.config.AssignmentStrategy;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.serialization.SerializationConfig;
import io.hpkafka.serialization.Serdes;
import io.hpkafka.serialization.Serializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured beans, without a broker: the client connects lazily, so an unreachable seed is enough.
 */
class HpKafkaAutoConfigurationTests {

    // Nothing listens on port 9 (discard); the client must not need a broker to be created and closed.
    private static final String UNREACHABLE_SEEDS = "127.0.0.1:9";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=" + UNREACHABLE_SEEDS);

    @Test
    void propertyDefaultsAgreeWithTheConfigurationBuilderDefaults() {
        this.contextRunner.run((context) -> {
            Configuration fromProperties = context.getBean(Configuration.class);
            Configuration fromBuilder = Configuration.builder().seeds(UNREACHABLE_SEEDS).build();
            List<Method> options = options();
            assertThat(options).hasSizeGreaterThanOrEqualTo(29);
            for (Method option : options) {
                assertThat(option.invoke(fromProperties)).as(option.getName())
                    .isEqualTo(option.invoke(fromBuilder));
            }
        });
    }

    @Test
    void groupPropertyDefaultsAgreeWithTheGroupBuilderDefaults() {
        this.contextRunner.run((context) -> {
            ConsumerGroupConfiguration fromProperties = context.getBean(ConsumerGroupConfiguration.class);
            ConsumerGroupConfiguration fromBuilder = ConsumerGroupConfiguration.builder().build();
            List<Method> options = getters(ConsumerGroupConfiguration.class);
            assertThat(options).hasSizeGreaterThanOrEqualTo(9);
            for (Method option : options) {
                assertThat(option.invoke(fromProperties)).as(option.getName())
                    .isEqualTo(option.invoke(fromBuilder));
            }
        });
    }

    @Test
    void everyGroupBuilderOptionHasAProperty() {
        List<String> unmapped = Arrays.stream(ConsumerGroupConfiguration.Builder.class.getDeclaredMethods())
            .filter((method) -> Modifier.isPublic(method.getModifiers()) && !method.getName().equals("build"))
            .map(Method::getName)
            .filter((name) -> !HpKafkaConfigurationFactory.GROUP_PROPERTY_BY_OPTION.containsKey(name))
            .toList();
        assertThat(unmapped).isEmpty();
    }

    @Test
    void everyGroupPropertyReachesTheGroupConfigurationAndTheListenerDefaults() {
        this.contextRunner
            .withPropertyValues("hpkafka.consumer.group-id=orders", "hpkafka.consumer.default-offset=earliest",
                    "hpkafka.consumer.session-timeout=45s", "hpkafka.consumer.rebalance-timeout=15s",
                    "hpkafka.consumer.heartbeat-interval=2s", "hpkafka.consumer.assignment-strategies=round-robin",
                    "hpkafka.consumer.offset-retention=7d", "hpkafka.consumer.coordinator-discovery-retry-time=250ms",
                    "hpkafka.consumer.auto-commit-interval=2s", "hpkafka.consumer.commit-marked-only=true")
            .run((context) -> {
                ConsumerGroupConfiguration group = context.getBean(ConsumerGroupConfiguration.class);
                assertThat(group.defaultOffset()).isEqualTo(DefaultOffset.EARLIEST);
                assertThat(group.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
                assertThat(group.rebalanceTimeout()).isEqualTo(Duration.ofSeconds(15));
                assertThat(group.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
                assertThat(group.assignmentStrategies()).containsExactly(AssignmentStrategy.ROUND_ROBIN);
                assertThat(group.offsetRetention()).isEqualTo(Duration.ofDays(7));
                assertThat(group.coordinatorDiscoveryRetryTime()).isEqualTo(Duration.ofMillis(250));
                assertThat(group.autoCommitEveryMs()).isEqualTo(2000);
                assertThat(group.commitMarkedOnly()).isTrue();
                GroupSettings listeners = context.getBean(HpKafkaListenerEndpointRegistry.class).getGroupSettings();
                assertThat(listeners).isEqualTo(new GroupSettings("orders", DefaultOffset.EARLIEST,
                        Duration.ofSeconds(45), Duration.ofSeconds(15), Duration.ofSeconds(2),
                        List.of(AssignmentStrategy.ROUND_ROBIN), Duration.ofDays(7), Duration.ofMillis(250)));
            });
    }

    @Test
    void aZeroAutoCommitIntervalLeavesCommitsToTheApplication() {
        this.contextRunner.withPropertyValues("hpkafka.consumer.auto-commit-interval=0")
            .run((context) -> assertThat(context.getBean(ConsumerGroupConfiguration.class).autoCommitEveryMs())
                .isEqualTo(-1));
    }

    @Test
    void anApplicationGroupConfigurationSetsTheListenerDefaultsToo() {
        this.contextRunner.withBean(ConsumerGroupConfiguration.class,
                () -> ConsumerGroupConfiguration.builder().sessionTimeout(Duration.ofSeconds(12)).build())
            .run((context) -> assertThat(context.getBean(HpKafkaListenerEndpointRegistry.class).getGroupSettings()
                .sessionTimeout()).isEqualTo(Duration.ofSeconds(12)));
    }

    @Test
    void optionsSetByNameApplyAfterTheTypedProperties() {
        this.contextRunner
            .withPropertyValues("hpkafka.producer.batch-size=5", "hpkafka.properties.produce-batch-size=9",
                    "hpkafka.properties.fetchMaxWaitTimeMs=1s", "hpkafka.properties.send-buffer-size=1MB",
                    "hpkafka.properties.required-acks=leader", "hpkafka.properties.produce-buffering-time=15",
                    "hpkafka.properties.retry-if-not-enough-replicas-after-append=true",
                    "hpkafka.properties.client-id=by-name")
            .run((context) -> {
                Configuration configuration = context.getBean(Configuration.class);
                assertThat(configuration.produceBatchSize()).isEqualTo(9);
                assertThat(configuration.fetchMaxWaitTimeMs()).isEqualTo(1000);
                assertThat(configuration.sendBufferSize()).isEqualTo(1024 * 1024);
                assertThat(configuration.requiredAcks()).isEqualTo(RequiredAcks.LEADER);
                assertThat(configuration.produceBufferingTime()).isEqualTo(Duration.ofMillis(15));
                assertThat(configuration.retryIfNotEnoughReplicasAfterAppend()).isTrue();
                assertThat(configuration.clientId()).isEqualTo("by-name");
            });
    }

    @Test
    void namedSerializersServeTheUntypedProduceForTheirTypeAndTopic() {
        this.contextRunner
            .withPropertyValues("hpkafka.producer.value-serializer=" + IntegerSerializer.class.getName(),
                    "hpkafka.producer.key-serializers[audit.v1]=auditKeys",
                    "hpkafka.producer.serialize-on-produce=true")
            .withBean("auditKeys", Serializer.class, () -> (topic, key) -> "audit".getBytes(StandardCharsets.UTF_8))
            .run((context) -> {
                SerializationConfig serialization = context.getBean(Configuration.class).serializationConfig();
                assertThat(serialization.serializeOnProduce()).isTrue();
                assertThat(serialization.valueSerializer("any").serialize("any", 7)).containsExactly(0, 0, 0, 7);
                // Values of other types keep the default serializer.
                assertThat(serialization.valueSerializer("any").serialize("any", "7"))
                    .isEqualTo("7".getBytes(StandardCharsets.UTF_8));
                assertThat(serialization.keySerializer("audit.v1").serialize("audit.v1", "k"))
                    .isEqualTo("audit".getBytes(StandardCharsets.UTF_8));
                assertThat(serialization.keySerializer("other").serialize("other", "k"))
                    .isEqualTo("k".getBytes(StandardCharsets.UTF_8));
                assertThat(serialization.valueSerializer("audit.v1").serialize("audit.v1", 7))
                    .containsExactly(0, 0, 0, 7);
            });
    }

    @Test
    void everyBuilderOptionButTheExecutorHasAProperty() {
        // Objects, not values: set by customizers (the Micrometer hooks and the observation interceptor are).
        Set<String> exempt = Set.of("build", "executor", "hooks", "addHooks", "produceInterceptor");
        List<String> unmapped = Arrays.stream(Configuration.Builder.class.getDeclaredMethods())
            .filter((method) -> Modifier.isPublic(method.getModifiers()) && !exempt.contains(method.getName()))
            .map(Method::getName)
            .filter((name) -> !HpKafkaConfigurationFactory.PROPERTY_BY_OPTION.containsKey(name))
            .toList();
        assertThat(unmapped).isEmpty();
    }

    @Test
    void everyPropertyReachesTheConfiguration() {
        this.contextRunner
            .withPropertyValues("hpkafka.client-id=orders-service", "hpkafka.request-timeout=11s",
                    "hpkafka.client-request-timeout=25s", "hpkafka.max-in-flight-requests=2",
                    "hpkafka.send-buffer-size=256KB", "hpkafka.receive-buffer-size=128KB",
                    "hpkafka.refresh-metadata-interval=1m", "hpkafka.maximum-concurrency=4",
                    "hpkafka.max-response-size=64MB", "hpkafka.producer.required-acks=leader",
                    "hpkafka.producer.batch-size=1000", "hpkafka.producer.buffering-time=20ms",
                    "hpkafka.producer.batch-strategy=global", "hpkafka.producer.compression-codec=snappy",
                    "hpkafka.producer.error-strategy=retry", "hpkafka.producer.message-ttl=30s",
                    "hpkafka.producer.max-buffered-messages=50000", "hpkafka.producer.overflow-strategy=discard",
                    "hpkafka.producer.number-of-messages-before-round-robin=100",
                    "hpkafka.producer.min-in-sync-replicas=2",
                    "hpkafka.producer.retry-if-not-enough-replicas-after-append=true",
                    "hpkafka.producer.max-request-size=4MB",
                    "hpkafka.consumer.fetch-max-wait=250ms", "hpkafka.consumer.fetch-min-bytes=16KB",
                    "hpkafka.consumer.fetch-message-max-bytes=2MB", "hpkafka.consumer.fetch-max-bytes=20MB",
                    "hpkafka.consumer.buffering-time=10ms", "hpkafka.consumer.batch-size=50")
            .run((context) -> {
                Configuration configuration = context.getBean(Configuration.class);
                assertThat(configuration.clientId()).isEqualTo("orders-service");
                assertThat(configuration.requestTimeoutMs()).isEqualTo(11_000);
                assertThat(configuration.clientRequestTimeoutMs()).isEqualTo(25_000);
                assertThat(configuration.maxInFlightRequests()).isEqualTo(2);
                assertThat(configuration.sendBufferSize()).isEqualTo(256 * 1024);
                assertThat(configuration.receiveBufferSize()).isEqualTo(128 * 1024);
                assertThat(configuration.refreshMetadataInterval()).isEqualTo(Duration.ofMinutes(1));
                assertThat(configuration.maximumConcurrency()).isEqualTo(4);
                assertThat(configuration.maxResponseSizeBytes()).isEqualTo(64 * 1024 * 1024);
                assertThat(configuration.requiredAcks()).isEqualTo(RequiredAcks.LEADER);
                assertThat(configuration.produceBatchSize()).isEqualTo(1000);
                assertThat(configuration.produceBufferingTime()).isEqualTo(Duration.ofMillis(20));
                assertThat(configuration.batchStrategy()).isEqualTo(BatchStrategy.GLOBAL);
                assertThat(configuration.compressionCodec()).isEqualTo(CompressionCodec.SNAPPY);
                assertThat(configuration.errorStrategy()).isEqualTo(ErrorStrategy.RETRY);
                assertThat(configuration.messageTtl()).isEqualTo(Duration.ofSeconds(30));
                assertThat(configuration.maxBufferedMessages()).isEqualTo(50_000);
                assertThat(configuration.overflowStrategy()).isEqualTo(OverflowStrategy.DISCARD);
                assertThat(configuration.numberOfMessagesBeforeRoundRobin()).isEqualTo(100);
                assertThat(configuration.minInSyncReplicas()).isEqualTo(2);
                assertThat(configuration.retryIfNotEnoughReplicasAfterAppend()).isTrue();
                assertThat(configuration.maxRequestSizeBytes()).isEqualTo(4 * 1024 * 1024);
                assertThat(configuration.fetchMaxWaitTimeMs()).isEqualTo(250);
                assertThat(configuration.fetchMinBytes()).isEqualTo(16 * 1024);
                assertThat(configuration.fetchMessageMaxBytes()).isEqualTo(2 * 1024 * 1024);
                assertThat(configuration.fetchMaxBytes()).isEqualTo(20 * 1024 * 1024);
                assertThat(configuration.consumeBufferingTime()).isEqualTo(Duration.ofMillis(10));
                assertThat(configuration.consumeBatchSize()).isEqualTo(50);
            });
    }

    @Test
    void definesAClientAndAStringProducerOverIt() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(ClusterClient.class).hasBean("hpKafkaProducer");
            // The typed producer is a fallback: a lookup by the raw type finds the String one.
            assertThat(context.getBean(KafkaProducer.class)).isSameAs(context.getBean("hpKafkaProducer"));
            assertThat(context.getBean(KafkaProducer.class).client()).isSameAs(context.getBean(ClusterClient.class));
            assertThat(context.getBean(ClusterClient.class).configuration())
                .isSameAs(context.getBean(Configuration.class));
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesAClusterClient() {
        this.contextRunner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(ClusterClient.class).hasBean("userClient");
            assertThat(context.getBean(KafkaProducer.class).client()).isSameAs(context.getBean("userClient"));
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesAStringProducer() {
        this.contextRunner.withUserConfiguration(UserProducerConfiguration.class)
            .run((context) -> {
                assertThat(context).hasBean("userProducer").doesNotHaveBean("hpKafkaProducer");
                assertThat(context.getBean(KafkaProducer.class)).isSameAs(context.getBean("userProducer"));
            });
    }

    @Test
    void keepsTheStringProducerWhenTheApplicationDefinesAProducerOfOtherTypes() {
        this.contextRunner.withUserConfiguration(UserBytesProducerConfiguration.class).run((context) -> {
            assertThat(context).hasBean("userBytesProducer").hasBean("hpKafkaProducer");
            assertThat(context.getBeanNamesForType(
                    ResolvableType.forClassWithGenerics(KafkaProducer.class, String.class, String.class)))
                .containsExactly("hpKafkaProducer");
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesAConfiguration() {
        this.contextRunner.withUserConfiguration(UserConfigurationConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(Configuration.class);
            assertThat(context.getBean(Configuration.class).clientId()).isEqualTo("user");
        });
    }

    @Test
    void takesTheSeedsFromConnectionDetailsWhenDefined() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=")
            .withBean(HpKafkaConnectionDetails.class, () -> () -> "127.0.0.1:19092,127.0.0.1:29092")
            .run((context) -> {
                assertThat(context).hasSingleBean(HpKafkaConnectionDetails.class)
                    .doesNotHaveBean(PropertiesHpKafkaConnectionDetails.class);
                assertThat(context.getBean(Configuration.class).seeds()).extracting(Object::toString)
                    .containsExactly("127.0.0.1:19092", "127.0.0.1:29092");
            });
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties() {
        this.contextRunner.withPropertyValues("hpkafka.client-id=from-properties")
            .withUserConfiguration(CustomizerConfiguration.class)
            .run((context) -> assertThat(context.getBean(Configuration.class).clientId())
                .isEqualTo("from-properties-first-second"));
    }

    // The options of a Configuration: its public no-argument getters.
    private static List<Method> options() {
        return getters(Configuration.class);
    }

    private static List<Method> getters(Class<?> type) {
        List<Method> options = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 0
                    && !Set.of("toBuilder", "toString", "hashCode").contains(method.getName())) {
                options.add(method);
            }
        }
        return options;
    }

    /** A serializer with a declared type and a public no-argument constructor, named by class in a property. */
    public static class IntegerSerializer implements Serializer<Integer> {

        @Override
        public byte[] serialize(String topic, Integer data) {
            return java.nio.ByteBuffer.allocate(4).putInt(data).array();
        }

    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class UserClientConfiguration {

        @Bean(destroyMethod = "close")
        ClusterClient userClient() {
            return new ClusterClient(Configuration.builder().seeds(UNREACHABLE_SEEDS).build());
        }

    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class UserProducerConfiguration {

        @Bean
        KafkaProducer<String, String> userProducer(ClusterClient client) {
            return new KafkaProducer<>(client, Serdes.stringSerializer(), Serdes.stringSerializer());
        }

    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class UserBytesProducerConfiguration {

        @Bean
        KafkaProducer<byte[], byte[]> userBytesProducer(ClusterClient client) {
            return new KafkaProducer<>(client, Serdes.byteArraySerializer(), Serdes.byteArraySerializer());
        }

    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class UserConfigurationConfiguration {

        @Bean
        Configuration userConfiguration() {
            return Configuration.builder().seeds(UNREACHABLE_SEEDS).clientId("user").build();
        }

    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        @Bean
        @Order(2)
        HpKafkaConfigurationCustomizer second() {
            return (builder) -> builder.clientId(clientId(builder) + "-second");
        }

        @Bean
        @Order(1)
        HpKafkaConfigurationCustomizer first() {
            return (builder) -> builder.clientId(clientId(builder) + "-first");
        }

        // The builder has no getters; building a copy reads the current value.
        private static String clientId(Configuration.Builder builder) {
            return Objects.requireNonNull(builder.build().clientId());
        }

    }

}
