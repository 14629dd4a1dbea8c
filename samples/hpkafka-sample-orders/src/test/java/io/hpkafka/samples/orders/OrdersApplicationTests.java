package io.hpkafka.samples.orders;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.hpkafka.boot.autoconfigure.listener.HpKafkaHeaders;
import io.hpkafka.boot.autoconfigure.listener.PayloadConversionException;
import io.hpkafka.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the sample as {@code java -jar} would (minus {@code System.exit}): no {@code hpkafka.seeds}, so against its
 * own embedded broker, with fewer records; and checks its parts (order ids, JSON, poison records, dead-letter checks)
 * without a broker.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrdersApplicationTests {

    @Test
    void everyOrderEventArrivesExactlyOnceEveryPoisonRecordReachesTheDeadLetterTopicAndTheExitCodeIsZero(
            CapturedOutput output) {
        ConfigurableApplicationContext context = SpringApplication.run(OrdersApplication.class, "--sample.count=5000",
                "--spring.main.banner-mode=off");
        OrderStreamRunner.Report report = context.getBean(OrderStreamRunner.class).report();
        int exitCode = SpringApplication.exit(context);

        assertThat(report).isNotNull();
        assertThat(report.groupId()).isEqualTo("hpkafka-sample-orders");
        assertThat(report.consumers()).isEqualTo(3);
        assertThat(report.poisonCount()).isEqualTo(5);
        assertThat(report.sent()).isEqualTo(5005);
        assertThat(report.acknowledged()).isEqualTo(5005);
        assertThat(report.received()).isEqualTo(5000);
        assertThat(report.duplicates()).isZero();
        assertThat(report.mismatched()).isZero();
        assertThat(report.missing()).isZero();
        assertThat(report.timedOut()).isFalse();
        assertThat(report.deadLetterTopic()).isEqualTo("orders.DLT");
        assertThat(report.deadLetters().poisonSent()).isEqualTo(5);
        assertThat(report.deadLetters().arrived()).isEqualTo(5);
        assertThat(report.deadLetters().duplicates()).isZero();
        assertThat(report.deadLetters().unexpected()).isZero();
        assertThat(report.deadLetters().problems()).isEmpty();
        assertThat(report.deadLetters().causes()).isNotEmpty()
            .allSatisfy((cause) -> assertThat(cause).startsWith("tools.jackson."));
        assertThat(exitCode).isZero();
        assertThat(output).contains("=== hpkafka orders sample")
            .contains("received                 5,000")
            .contains("dead letters             5 of 5 poison records, 0 duplicates, 0 missing")
            .contains("dead-letter headers      all match")
            .contains("/actuator/health         UP (hpkafka: 1 broker(s), metadata")
            .contains("/actuator/metrics        5,005 records acknowledged on orders (hpkafka.producer.topic.records)")
            .contains("SUCCESS: every order event arrived exactly once and all 5 poison records reached orders.DLT");
    }

    @Test
    void poisonRecordsThatDoNotReachTheDeadLetterTopicFailTheRun(CapturedOutput output) {
        // Without the dead-letter topic the listener logs and skips the poison records: the orders still arrive, but
        // the run must not count as a success.
        ConfigurableApplicationContext context = SpringApplication.run(OrdersApplication.class, "--sample.count=1000",
                "--sample.poison-count=2", "--hpkafka.listener.dead-letter.enabled=false", "--sample.timeout=20s",
                "--spring.main.banner-mode=off");
        OrderStreamRunner.Report report = context.getBean(OrderStreamRunner.class).report();
        int exitCode = SpringApplication.exit(context);

        assertThat(report.received()).isEqualTo(1000);
        assertThat(report.duplicates()).isZero();
        assertThat(report.deadLetters().poisonSent()).isEqualTo(2);
        assertThat(report.deadLetters().arrived()).isZero();
        assertThat(exitCode).isOne();
        assertThat(output).contains("dead letters             0 of 2 poison records, 0 duplicates, 2 missing")
            .contains("FAILURE: timed out; dead letters incomplete or wrong");
    }

    @Test
    void aRunThatDoesNotCompleteInTimeReportsFailureAndExitsWithOne(CapturedOutput output) {
        ConfigurableApplicationContext context = SpringApplication.run(OrdersApplication.class, "--sample.count=5000",
                "--sample.timeout=1ms", "--spring.main.banner-mode=off");
        OrderStreamRunner.Report report = context.getBean(OrderStreamRunner.class).report();
        int exitCode = SpringApplication.exit(context);

        assertThat(report.timedOut()).isTrue();
        assertThat(exitCode).isOne();
        assertThat(output).contains("FAILURE: timed out");
    }

    @Test
    void orderIdsRoundTripThroughTheirKeys() {
        assertThat(OrderEvents.orderId(42)).isEqualTo("order-000042");
        assertThat(OrderEvents.orderId(1_234_567)).isEqualTo("order-1234567");
        assertThat(OrderEvents.indexOf("order-000042")).isEqualTo(42);
        assertThat(OrderEvents.indexOf("order-1234567")).isEqualTo(1_234_567);
        assertThat(OrderEvents.indexOf("refund-000042")).isEqualTo(-1);
        assertThat(OrderEvents.indexOf("order-12x")).isEqualTo(-1);
        assertThat(OrderEvents.indexOf(OrderEvents.poisonKey(1))).isEqualTo(-1);
        assertThat(OrderEvents.indexOf(null)).isEqualTo(-1);
        assertThat(OrderEvents.poisonKey(1)).isEqualTo("poison-001");
        assertThat(OrderEvents.isPoisonKey("poison-001")).isTrue();
        assertThat(OrderEvents.isPoisonKey("order-000001")).isFalse();
    }

    @Test
    void orderEventsAreWrittenAsJsonThatTheListenersRecordReads() {
        JsonMapper mapper = JsonMapper.builder().build();
        OrderEvent sent = new OrderEvents().event("order-000042", 0);
        String json = mapper.writeValueAsString(sent);
        assertThat(json).startsWith("{\"orderId\":\"order-000042\",\"customer\":\"")
            .matches(".*\"amount\":\\d{1,3}\\.\\d{2},\"currency\":\"EUR\",\"createdAt\":\"1970-01-01T00:00:00Z\"}");
        OrderEvent event = mapper.readValue(json, OrderEvent.class);
        assertThat(event).isEqualTo(sent);
        assertThat(event.amount()).isBetween(new BigDecimal("5.00"), new BigDecimal("499.99"));
        assertThat(event.amount().scale()).isEqualTo(2);
    }

    @Test
    void poisonRecordsAreNotJson() {
        JsonMapper mapper = JsonMapper.builder().build();
        for (int i = 0; i < 8; i++) {
            String value = OrderEvents.poisonValue(i);
            assertThat(value).isNotBlank();
            assertThatExceptionOfType(JacksonException.class).as(value)
                .isThrownBy(() -> mapper.readValue(value, OrderEvent.class));
        }
    }

    @Test
    void poisonRecordsAreSpreadAmongTheOrders() {
        assertThat(OrderStreamRunner.poisonPosition(0, 5, 100_000)).isEqualTo(16_666);
        assertThat(OrderStreamRunner.poisonPosition(4, 5, 100_000)).isEqualTo(83_333);
        assertThat(OrderStreamRunner.poisonPosition(0, 1, 2)).isEqualTo(1);
        assertThat(OrderStreamRunner.poisonPosition(0, 3, 0)).isZero();
    }

    @Test
    void theDeadLetterListenerChecksEachDeadLetterAgainstItsPoisonRecord() {
        OrderTally orders = new OrderTally();
        byte[] run = orders.runHeader().value();
        DeadLetterTally tally = new DeadLetterTally(orders);
        for (int i = 0; i < 4; i++) {
            tally.sending(OrderEvents.poisonKey(i), OrderEvents.poisonValue(i));
            tally.acknowledged(OrderEvents.poisonKey(i), new RecordMetadata("orders", i, 100 + i));
        }
        String conversion = PayloadConversionException.class.getName();
        // poison-000: as the dead-letter recoverer writes it
        deadLetter(tally, 0, run, "orders", 0, 100, "g", conversion);
        deadLetter(tally, 0, run, "orders", 0, 100, "g", conversion); // a second copy
        // poison-001: wrong offset, no group
        deadLetter(tally, 1, run, "orders", 1, 7, null, conversion);
        // poison-002: another exception
        deadLetter(tally, 2, run, "orders", 2, 102, "g", "java.lang.IllegalStateException");
        // poison-003 never arrives; one of another run is skipped
        deadLetter(tally, 3, "another run".getBytes(StandardCharsets.US_ASCII), "orders", 3, 103, "g", conversion);

        DeadLetterTally.Snapshot snapshot = tally.snapshot("g");
        assertThat(snapshot.poisonSent()).isEqualTo(4);
        assertThat(snapshot.arrived()).isEqualTo(3);
        assertThat(snapshot.missing()).isOne();
        assertThat(snapshot.duplicates()).isOne();
        assertThat(snapshot.skipped()).isOne();
        assertThat(snapshot.complete()).isFalse();
        assertThat(snapshot.problems()).hasSize(2);
        assertThat(snapshot.problems().get(0)).startsWith("poison-001: ")
            .contains(HpKafkaHeaders.DLT_ORIGINAL_OFFSET + " 7 instead of 101")
            .contains(HpKafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP + " missing instead of g");
        assertThat(snapshot.problems().get(1)).startsWith("poison-002: ")
            .contains(HpKafkaHeaders.DLT_EXCEPTION_FQCN + " java.lang.IllegalStateException instead of " + conversion);
        assertThat(snapshot.causes()).containsExactly("tools.jackson.core.exc.StreamReadException");
    }

    @Test
    void aDeadLetterWithMalformedOrMissingHeadersIsWrong() {
        OrderTally orders = new OrderTally();
        DeadLetterTally tally = new DeadLetterTally(orders);
        tally.sending(OrderEvents.poisonKey(0), OrderEvents.poisonValue(0));
        tally.acknowledged(OrderEvents.poisonKey(0), new RecordMetadata("orders", 0, 100));
        // The offset as text rather than 8 bytes, the partition missing.
        tally.onDeadLetter(OrderEvents.poisonValue(0), OrderEvents.poisonKey(0), orders.runHeader().value(), "orders",
                null, "100".getBytes(StandardCharsets.UTF_8), "g", PayloadConversionException.class.getName(), null);

        DeadLetterTally.Snapshot snapshot = tally.snapshot("g");
        assertThat(snapshot.arrived()).isOne();
        assertThat(snapshot.complete()).isFalse();
        assertThat(snapshot.problems()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .contains(HpKafkaHeaders.DLT_ORIGINAL_PARTITION + " missing instead of 0")
            .contains(HpKafkaHeaders.DLT_ORIGINAL_OFFSET + " missing instead of 100");
    }

    private static void deadLetter(DeadLetterTally tally, int index, byte[] run, String topic, int partition,
            long offset, String group, String exception) {
        tally.onDeadLetter(OrderEvents.poisonValue(index), OrderEvents.poisonKey(index), run, topic,
                ByteBuffer.allocate(4).putInt(partition).array(), ByteBuffer.allocate(8).putLong(offset).array(), group,
                exception, "tools.jackson.core.exc.StreamReadException");
    }

}
