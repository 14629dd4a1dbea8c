package io.hpkafka.benchmarks.listener;

import io.hpkafka.boot.autoconfigure.listener.HpKafkaListener;
import io.hpkafka.boot.autoconfigure.listener.StartFrom;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Import;

/** A Spring Boot application with one {@code @HpKafkaListener}; Spring Kafka's auto-configuration is left out. */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = KafkaAutoConfiguration.class)
@Import(HpKafkaListenerApp.Listener.class)
public class HpKafkaListenerApp {

    /** Receives the records. */
    public static class Listener {
        @HpKafkaListener(topics = "${bench.topic}", startFrom = StartFrom.EARLIEST)
        public void on(String value) {
            ListenerProbe.received(value);
        }
    }
}
