package io.hpkafka.samples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The orders sample: streams order events through Kafka with the hpkafka starter, consumed by an
 * {@code @HpKafkaListener} in a consumer group that takes them as JSON into a Java record, and checks that every one
 * arrives exactly once. A few poison records (not JSON) sent among them must reach the dead-letter topic, where a
 * second listener checks their {@code kafka_dlt-*} headers. Without {@code hpkafka.seeds} the development broker
 * (hpkafka-spring-boot-dev-broker) starts a single-node cluster in the JVM; with it, it uses that cluster. Exits
 * with 0 when every order arrived exactly once and every poison record reached the dead-letter topic, 1 otherwise.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class OrdersApplication {

    /**
     * Runs the sample and exits the JVM with its outcome.
     * @param args Spring Boot arguments, e.g. {@code --sample.count=1000000} or {@code --hpkafka.seeds=host:9092}
     */
    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = SpringApplication.exit(SpringApplication.run(OrdersApplication.class, args));
        }
        catch (RuntimeException ex) {
            exitCode = 1; // Spring Boot has already reported why start-up failed
        }
        // The broker's threads would keep the JVM alive; exit explicitly with the sample's outcome.
        System.exit(exitCode);
    }

}
