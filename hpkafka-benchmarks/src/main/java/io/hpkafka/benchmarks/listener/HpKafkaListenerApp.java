package io.hpkafka.benchmarks.listener;

import io.hpkafka.boot.autoconfigure.listener.HpKafkaListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A Spring Boot application with one {@code @HpKafkaListener} in a consumer group ({@code bench.group}, a fresh one per
 * run, read from earliest through {@code hpkafka.consumer.default-offset}), committing as {@code bench.ack-mode} and
 * {@code bench.ack-time} say; Spring Kafka's auto-configuration is left out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = KafkaAutoConfiguration.class)
@Import(HpKafkaListenerApp.Listener.class)
public class HpKafkaListenerApp {

    /** Receives the records. */
    public static class Listener {
        @HpKafkaListener(id = "bench", topics = "${bench.topic}", groupId = "${bench.group}",
                properties = {"ack-mode=${bench.ack-mode}", "ack-time=${bench.ack-time}"})
        public void on(String value) {
            ListenerProbe.received(value);
        }
    }
}
