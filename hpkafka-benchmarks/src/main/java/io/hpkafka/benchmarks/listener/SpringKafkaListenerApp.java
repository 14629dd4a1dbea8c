package io.hpkafka.benchmarks.listener;

import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A Spring Boot application with one Spring Kafka {@code @KafkaListener} in a consumer group ({@code bench.group}, a
 * fresh one per run, read from earliest through {@code spring.kafka.consumer.auto-offset-reset}); Boot's defaults
 * otherwise: String deserializers, one consumer, auto-commit off, ack mode from {@code spring.kafka.listener.ack-mode}.
 * hpkafka's auto-configuration is left out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = HpKafkaAutoConfiguration.class)
@Import(SpringKafkaListenerApp.Listener.class)
public class SpringKafkaListenerApp {

    /** Receives the records. */
    public static class Listener {
        @KafkaListener(id = "bench", topics = "${bench.topic}", groupId = "${bench.group}")
        public void on(String value) {
            ListenerProbe.received(value);
        }
    }
}
