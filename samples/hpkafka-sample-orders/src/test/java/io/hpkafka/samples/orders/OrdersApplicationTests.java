package io.hpkafka.samples.orders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample as {@code java -jar} would (minus {@code System.exit}): no {@code hpkafka.seeds}, so against its
 * own embedded broker, with fewer records.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrdersApplicationTests {

    @Test
    void everyOrderEventArrivesExactlyOnceAndTheExitCodeIsZero(CapturedOutput output) {
        ConfigurableApplicationContext context = SpringApplication.run(OrdersApplication.class, "--sample.count=5000",
                "--spring.main.banner-mode=off");
        OrderStreamRunner.Report report = context.getBean(OrderStreamRunner.class).report();
        int exitCode = SpringApplication.exit(context);

        assertThat(report).isNotNull();
        assertThat(report.sent()).isEqualTo(5000);
        assertThat(report.acknowledged()).isEqualTo(5000);
        assertThat(report.received()).isEqualTo(5000);
        assertThat(report.duplicates()).isZero();
        assertThat(report.missing()).isZero();
        assertThat(report.timedOut()).isFalse();
        assertThat(exitCode).isZero();
        assertThat(output).contains("=== hpkafka orders sample")
            .contains("received                 5,000")
            .contains("SUCCESS: every order event arrived exactly once");
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
    void orderIdsRoundTripThroughTheirKeyBytes() {
        assertThat(OrderEvents.orderId(42)).isEqualTo("order-000042");
        assertThat(OrderEvents.orderId(1_234_567)).isEqualTo("order-1234567");
        assertThat(OrderEvents.indexOf("order-000042".getBytes())).isEqualTo(42);
        assertThat(OrderEvents.indexOf("order-1234567".getBytes())).isEqualTo(1_234_567);
        assertThat(OrderEvents.indexOf("refund-000042".getBytes())).isEqualTo(-1);
        assertThat(OrderEvents.indexOf(null)).isEqualTo(-1);
    }

    @Test
    void orderEventsAreJson() {
        String json = new OrderEvents().json("order-000042", 0);
        assertThat(json).startsWith("{\"orderId\":\"order-000042\",\"customer\":\"")
            .matches(".*\"amount\":\\d{1,3}\\.\\d{2},\"currency\":\"EUR\",\"createdAt\":\"1970-01-01T00:00:00Z\"}");
    }

}
