package io.hpkafka.boot.autoconfigure.testcontainers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.HpKafkaConnectionDetails;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ServiceConnection} on an Apache Kafka container: the client's seeds are the container's bootstrap servers
 * and a record produced through the client is acknowledged. Needs a Docker engine; skipped (not failed) without one.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = KafkaContainerServiceConnectionTests.ContainerApplication.class)
class KafkaContainerServiceConnectionTests {

    @Container
    @ServiceConnection
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.2");

    @Autowired
    private HpKafkaConnectionDetails connectionDetails;

    @Autowired
    private ClusterClient client;

    @Test
    void theClientProducesToTheContainerNamedByTheServiceConnection() throws Exception {
        assertThat(this.connectionDetails.getSeeds()).isEqualTo(kafka.getBootstrapServers());
        RecordMetadata metadata = this.client
            .send(new ProducerRecord("service-connection", 0, null, "v".getBytes(StandardCharsets.UTF_8), List.of(),
                    ProducerRecord.NO_TIMESTAMP))
            .get(60, TimeUnit.SECONDS);
        assertThat(metadata.offset()).isZero();
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(HpKafkaAutoConfiguration.class)
    static class ContainerApplication {

    }

}
