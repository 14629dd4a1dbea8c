package io.hpkafka.boot.autoconfigure.listener;

import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.record.KafkaRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistakes in {@link HpKafkaListener} declarations fail start-up with a message that says which method is wrong;
 * none of these tests needs a broker.
 */
class HpKafkaListenerStartUpTests {

    // Nothing listens on port 9; short timeouts so that a wait for partitions gives up quickly.
    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=127.0.0.1:9", "hpkafka.request-timeout=200ms",
                "hpkafka.client-request-timeout=500ms");

    @Test
    void aListenerWithAnUnsupportedPayloadTypeFailsStartUpNamingTheMethod() {
        this.contextRunner.withBean(IntegerListener.class).run((context) -> {
            assertThat(failureMessages(context))
                .contains(IntegerListener.class.getName() + ".onOrder(java.lang.Integer)")
                .contains("String")
                .contains("byte[]")
                .contains("KafkaRecord");
        });
    }

    @Test
    void aListenerWithTwoParametersFailsStartUpNamingTheMethod() {
        this.contextRunner.withBean(TwoParameterListener.class).run((context) -> {
            assertThat(failureMessages(context))
                .contains(TwoParameterListener.class.getName() + ".onOrder(java.lang.String, long)");
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
    void listenersOfOneTopicWithDifferentStartPositionsFailStartUp() {
        this.contextRunner.withBean(ConflictingListeners.class).run((context) -> {
            assertThat(failureMessages(context))
                .contains("'fromEarliest' (EARLIEST)")
                .contains("'fromLatest' (LATEST)")
                .contains("topic 'orders'");
        });
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
    void withoutListenersTheRegistryStartsWithoutAskingForPartitions() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HpKafkaListenerEndpointRegistry.class).getListenerEndpoints()).isEmpty();
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

    static class IntegerListener {

        @HpKafkaListener(topics = "orders")
        void onOrder(Integer order) {
        }

    }

    static class TwoParameterListener {

        @HpKafkaListener(topics = "orders")
        void onOrder(String order, long offset) {
        }

    }

    static class PlaceholderListener {

        @HpKafkaListener(topics = "${orders.topic}")
        void onOrder(String order) {
        }

    }

    static class StringListener {

        @HpKafkaListener(topics = "orders")
        void onOrder(String order) {
        }

    }

    static class ConflictingListeners {

        @HpKafkaListener(id = "fromEarliest", topics = "orders", startFrom = StartFrom.EARLIEST)
        void first(byte[] order) {
        }

        @HpKafkaListener(id = "fromLatest", topics = { "refunds", "orders" })
        void second(KafkaRecord order) {
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
