package io.hpkafka.boot.autoconfigure.listener;

import java.util.List;

import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.record.KafkaRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistakes in {@link HpKafkaListener} declarations fail start-up with a message that says which method, or which
 * property, is wrong; none of these tests needs a broker.
 */
@ExtendWith(OutputCaptureExtension.class)
class HpKafkaListenerStartUpTests {

    // Nothing listens on port 9; short timeouts so that a wait for partitions gives up quickly.
    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=127.0.0.1:9", "hpkafka.request-timeout=200ms",
                "hpkafka.client-request-timeout=500ms");

    @Test
    void aHeaderParameterOfATypeNoHeaderConvertsToFailsStartUpNamingTheMethod() {
        this.contextRunner.withBean(UnconvertibleHeaderListener.class).run((context) -> {
            assertThat(failureMessages(context))
                .contains(UnconvertibleHeaderListener.class.getName() + ".onOrder(String, Runnable)")
                .contains("header 'trace' cannot be converted to java.lang.Runnable");
        });
    }

    @Test
    void aManualAckModeWithoutAnAcknowledgmentParameterIsWarnedAboutAtStartUp(CapturedOutput output) {
        this.contextRunner.withPropertyValues("hpkafka.listener.ack-mode=manual", "hpkafka.listener.auto-startup=false")
            .withBean(StringListener.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(output).contains(StringListener.class.getName() + ".onOrder(String)")
                    .contains("has ack mode MANUAL but no Acknowledgment parameter, so nothing it processes is ever"
                            + " committed");
            });
    }

    @Test
    void aListenerWithTwoPayloadParametersFailsStartUpNamingTheMethod() {
        this.contextRunner.withBean(TwoPayloadListener.class).run((context) -> {
            assertThat(failureMessages(context)).contains(TwoPayloadListener.class.getName() + ".onOrder(String, long)")
                .contains("second payload parameter");
        });
    }

    @Test
    void aBatchListenerWithoutAListFailsStartUpNamingTheMethod() {
        this.contextRunner.withBean(BatchWithoutListListener.class).run((context) -> {
            assertThat(failureMessages(context)).contains(BatchWithoutListListener.class.getName() + ".onOrders(String)")
                .contains("batch listener takes its records as a List");
        });
    }

    @Test
    void aSendToOnAMethodReturningNothingFailsStartUp() {
        this.contextRunner.withBean(VoidSendToListener.class).run((context) -> {
            assertThat(failureMessages(context)).contains(VoidSendToListener.class.getName() + ".onOrder(String)")
                .contains("returns nothing");
        });
    }

    @Test
    void aRecordListenerTakingAListOfRecordsFailsStartUpSuggestingABatch() {
        this.contextRunner.withBean(RecordListWithoutBatchListener.class).run((context) -> {
            assertThat(failureMessages(context)).contains(RecordListWithoutBatchListener.class.getName())
                .contains("batch = \"true\"");
        });
    }

    @Test
    void anIllegalDeadLetterTopicFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.listener.dead-letter.topic=bad topic!")
            .withBean(StringListener.class)
            .run((context) -> assertThat(failureMessages(context)).contains("hpkafka.listener.dead-letter.topic")
                .contains("not a legal topic name"));
    }

    @Test
    void anOverrideWithAnInvalidValueFailsStartUpSayingTheValueIsInvalid() {
        this.contextRunner.withBean(BadValueOverrideListener.class).run((context) -> {
            assertThat(failureMessages(context)).contains("'bad-value'")
                .contains("invalid value for hpkafka.listener.ack-mode");
        });
    }

    @Test
    void anUnresolvableTopicPlaceholderFailsStartUp() {
        this.contextRunner.withBean(PlaceholderListener.class).run((context) -> {
            assertThat(failureMessages(context)).contains("topic '${orders.topic}'")
                .contains("not a legal topic name");
        });
    }

    @Test
    void topicsAndAPatternTogetherFailStartUp() {
        this.contextRunner.withBean(TopicsAndPatternListener.class).run((context) -> {
            assertThat(failureMessages(context)).contains("must name topics or a topicPattern, not both");
        });
    }

    @Test
    void anUnknownPropertyOverrideFailsStartUpNamingIt() {
        this.contextRunner.withBean(UnknownOverrideListener.class).run((context) -> {
            assertThat(failureMessages(context)).contains("@HpKafkaListener 'unknown-override'")
                .contains("hpkafka.listener.ack-mood");
        });
    }

    @Test
    void anInvalidListenerPropertyFailsStartUpNamingIt() {
        this.contextRunner.withPropertyValues("hpkafka.listener.retry.max-attempts=0")
            .withBean(StringListener.class)
            .run((context) -> assertThat(failureMessages(context)).contains("hpkafka.listener.retry.max-attempts")
                .contains("must be at least 1"));
    }

    @Test
    void anInvalidOverrideFailsStartUpNamingThePropertyAndTheListener() {
        this.contextRunner.withBean(InvalidOverrideListener.class).run((context) -> {
            assertThat(failureMessages(context)).contains("hpkafka.listener.retry.multiplier")
                .contains("'invalid-override'");
        });
    }

    @Test
    void aValueDeserializerThatNamesNoClassFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.listener.value-deserializer=com.example.Missing")
            .withBean(StringListener.class)
            .run((context) -> assertThat(failureMessages(context)).contains("hpkafka.listener.value-deserializer")
                .contains("neither a bean nor a class"));
    }

    @Test
    void anInvalidGroupSettingFailsStartUpNamingTheProperty() {
        this.contextRunner
            .withPropertyValues("hpkafka.consumer.group-id=g", "hpkafka.consumer.session-timeout=2s",
                    "hpkafka.consumer.heartbeat-interval=5s")
            .withBean(StringListener.class)
            .run((context) -> assertThat(failureMessages(context)).contains("hpkafka.consumer.heartbeat-interval"));
    }

    @Test
    void twoListenersWithOneIdFailStartUp() {
        this.contextRunner.withBean(DuplicateIdListeners.class).run((context) -> {
            assertThat(failureMessages(context)).contains("id 'orders'");
        });
    }

    @Test
    void partitionsNotFoundInTimeFailStartUpNamingTheTopicAndTheTimeout() {
        this.contextRunner.withBean(StringListener.class).run((context) -> {
            assertThat(failureMessages(context))
                .contains("no partitions found for topic 'orders' within 500 ms")
                .contains("hpkafka.client-request-timeout");
        });
    }

    @Test
    void aListenerThatDoesNotAutoStartLeavesTheClusterAlone() {
        this.contextRunner.withBean(ManualStartListener.class).run((context) -> {
            assertThat(context).hasNotFailed();
            HpKafkaListenerContainer container = context.getBean(HpKafkaListenerEndpointRegistry.class)
                .getListenerContainer("manual");
            assertThat(container).isNotNull();
            assertThat(container.isRunning()).isFalse();
        });
    }

    @Test
    void withoutListenersTheRegistryStartsWithoutAskingForPartitions() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HpKafkaListenerEndpointRegistry.class).getListenerContainers()).isEmpty();
        });
    }

    // Every message of the failure's cause chain: which level carries the explanation is not the point.
    private static String failureMessages(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append(System.lineSeparator());
        }
        return messages.toString();
    }

    static class UnconvertibleHeaderListener {

        @HpKafkaListener(topics = "orders")
        void onOrder(String order, @Header("trace") Runnable trace) {
        }

    }

    static class TwoPayloadListener {

        @HpKafkaListener(topics = "orders")
        void onOrder(String order, long offset) {
        }

    }

    static class BatchWithoutListListener {

        @HpKafkaListener(topics = "orders", batch = "true")
        void onOrders(String orders) {
        }

    }

    static class VoidSendToListener {

        @HpKafkaListener(topics = "orders")
        @SendTo("replies")
        void onOrder(String order) {
        }

    }

    static class RecordListWithoutBatchListener {

        @HpKafkaListener(topics = "orders")
        void onOrders(List<KafkaRecord> orders) {
        }

    }

    static class BadValueOverrideListener {

        @HpKafkaListener(id = "bad-value", topics = "orders", properties = "ack-mode=SOMETIMES")
        void onOrder(String order) {
        }

    }

    static class PlaceholderListener {

        @HpKafkaListener(topics = "${orders.topic}")
        void onOrder(String order) {
        }

    }

    static class TopicsAndPatternListener {

        @HpKafkaListener(topics = "orders", topicPattern = "orders.*")
        void onOrder(String order) {
        }

    }

    static class UnknownOverrideListener {

        @HpKafkaListener(id = "unknown-override", topics = "orders", properties = "ack-mood=RECORD")
        void onOrder(String order) {
        }

    }

    static class InvalidOverrideListener {

        @HpKafkaListener(id = "invalid-override", topics = "orders", properties = "retry.multiplier=0.5")
        void onOrder(String order) {
        }

    }

    static class StringListener {

        @HpKafkaListener(topics = "orders")
        void onOrder(String order) {
        }

    }

    static class ManualStartListener {

        @HpKafkaListener(id = "manual", topics = "orders", autoStartup = "false", batch = "true")
        void onOrders(List<KafkaRecord> orders) {
        }

    }

    static class DuplicateIdListeners {

        @HpKafkaListener(id = "orders", topics = "orders")
        void first(String order) {
        }

        @HpKafkaListener(id = "orders", topics = "refunds")
        void second(String order) {
        }

    }

}
