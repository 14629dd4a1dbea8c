package io.hpkafka.boot.autoconfigure;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invalid {@code hpkafka.*} values fail start-up with an {@link InvalidConfigurationPropertyValueException} naming
 * the property, before any connection is attempted.
 */
class HpKafkaInvalidPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class));

    @Test
    void missingSeedsFailStartUpNamingTheSeedsProperty() {
        this.contextRunner.run((context) -> assertInvalidProperty(context, "hpkafka.seeds")
            .hasMessageContaining("no broker given"));
    }

    @Test
    void emptySeedsFailStartUpNamingTheSeedsProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=")
            .run((context) -> assertInvalidProperty(context, "hpkafka.seeds"));
    }

    @Test
    void seedsWithoutAPortFailStartUpNamingTheSeedsProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost")
            .run((context) -> assertInvalidProperty(context, "hpkafka.seeds").hasMessageContaining("'localhost'")
                .hasMessageContaining("host:port"));
    }

    @Test
    void seedsWithANonNumericPortFailStartUpNamingTheSeedsProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092,host:notaport")
            .run((context) -> assertInvalidProperty(context, "hpkafka.seeds").hasMessageContaining("host:notaport"));
    }

    @Test
    void aRequestTimeoutNotBelowTheClientRequestTimeoutNamesBothProperties() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.request-timeout=30s")
            .run((context) -> assertInvalidProperty(context, "hpkafka.client-request-timeout")
                .hasMessageContaining("must be greater than hpkafka.request-timeout (30000 ms)"));
    }

    @Test
    void aNegativeProducerBatchSizeFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.producer.batch-size=-5")
            .run((context) -> assertInvalidProperty(context, "hpkafka.producer.batch-size")
                .hasMessageContaining("-5"));
    }

    @Test
    void aClientRequestTimeoutNotAboveTheRequestTimeoutFailsStartUpNamingIt() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.request-timeout=30s",
                    "hpkafka.client-request-timeout=30s")
            .run((context) -> assertInvalidProperty(context, "hpkafka.client-request-timeout"));
    }

    @Test
    void aFetchSizeBeyondTwoGigabytesFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.consumer.fetch-max-bytes=3GB")
            .run((context) -> assertInvalidProperty(context, "hpkafka.consumer.fetch-max-bytes"));
    }

    @Test
    void aNegativeFetchMaxWaitFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.consumer.fetch-max-wait=-1ms")
            .run((context) -> assertInvalidProperty(context, "hpkafka.consumer.fetch-max-wait"));
    }

    @Test
    void aCodecTheLegacyMessageFormatCannotCarryFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.compatibility=v0-8-2",
                "hpkafka.producer.compression-codec=zstd")
            .run((context) -> assertInvalidProperty(context, "hpkafka.producer.compression-codec"));
    }

    @Test
    void anUnknownOptionByNameFailsStartUpNamingTheKeyAndTheKnownOptions() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.properties.produce-batch=5")
            .run((context) -> assertInvalidProperty(context, "hpkafka.properties.produce-batch")
                .hasMessageContaining("names no option").hasMessageContaining("produce-batch-size"));
    }

    @Test
    void seedsByNameAreRefusedSayingWhereToSetThem() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.properties.seeds=other:9092")
            .run((context) -> assertInvalidProperty(context, "hpkafka.properties.seeds")
                .hasMessageContaining("set hpkafka.seeds"));
    }

    @Test
    void anOptionByNameWhoseValueDoesNotReadFailsStartUpNamingTheKey() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.properties.produce-batch-size=many")
            .run((context) -> assertInvalidProperty(context, "hpkafka.properties.produce-batch-size")
                .hasMessageContaining("'many'").hasMessageContaining("an integer expected"));
    }

    @Test
    void anEnumOptionByNameWithAnUnknownValueListsTheAllowedValues() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.properties.required-acks=most")
            .run((context) -> assertInvalidProperty(context, "hpkafka.properties.required-acks")
                .hasMessageContaining("[none, leader, all-in-sync-replicas]"));
    }

    @Test
    void anOptionByNameTheBuilderRejectsFailsStartUpNamingTheKeyNotTheTypedProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.producer.batch-size=10",
                "hpkafka.properties.produceBatchSize=0")
            .run((context) -> assertInvalidProperty(context, "hpkafka.properties.produceBatchSize")
                .hasMessageContaining("must be at least 1"));
    }

    @Test
    void aZeroSessionTimeoutFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.consumer.session-timeout=0")
            .run((context) -> assertInvalidProperty(context, "hpkafka.consumer.session-timeout"));
    }

    @Test
    void aHeartbeatIntervalNotShorterThanTheSessionTimeoutFailsStartUpNamingIt() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.consumer.session-timeout=10s",
                    "hpkafka.consumer.heartbeat-interval=10s")
            .run((context) -> assertInvalidProperty(context, "hpkafka.consumer.heartbeat-interval")
                .hasMessageContaining("shorter than hpkafka.consumer.session-timeout"));
    }

    @Test
    void aNegativeCoordinatorDiscoveryRetryTimeFailsStartUpNamingIt() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.consumer.coordinator-discovery-retry-time=-1s")
            .run((context) -> assertInvalidProperty(context, "hpkafka.consumer.coordinator-discovery-retry-time"));
    }

    @Test
    void aSerializerNameThatIsNeitherABeanNorAClassFailsStartUpNamingTheKey() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.producer.value-serializer=com.example.Nope")
            .run((context) -> assertInvalidProperty(context, "hpkafka.producer.value-serializer")
                .hasMessageContaining("neither a bean nor a class"));
    }

    @Test
    void aPerTopicSerializerClassThatIsNoSerializerFailsStartUpNamingTheKey() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.producer.key-serializers[orders.v2]=java.lang.String")
            .run((context) -> assertInvalidProperty(context, "hpkafka.producer.key-serializers[orders.v2]")
                .hasMessageContaining("does not implement io.hpkafka.serialization.Serializer"));
    }

    @Test
    void aSerializerBeanNameOfAnotherTypeFailsStartUpNamingTheKey() {
        this.contextRunner
            .withPropertyValues("hpkafka.seeds=localhost:9092", "hpkafka.producer.key-serializer=notASerializer")
            .withBean("notASerializer", String.class, () -> "text")
            .run((context) -> assertInvalidProperty(context, "hpkafka.producer.key-serializer")
                .hasMessageContaining("names bean of type java.lang.String"));
    }

    @Test
    void invalidSeedsFromConnectionDetailsNameTheirSource() {
        this.contextRunner.withBean(HpKafkaConnectionDetails.class, () -> () -> "nowhere").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isNotInstanceOf(
                    InvalidConfigurationPropertyValueException.class);
            assertThat(context.getStartupFailure()).hasStackTraceContaining("Invalid seeds 'nowhere' supplied by");
        });
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalidProperty(
            AssertableApplicationContext context, String property) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        InvalidConfigurationPropertyValueException invalid = findCause(failure);
        assertThat(invalid).as("cause of %s", failure).isNotNull();
        assertThat(invalid.getName()).isEqualTo(property);
        return assertThat((Throwable) invalid);
    }

    private static InvalidConfigurationPropertyValueException findCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
                return invalid;
            }
        }
        return null;
    }

}
