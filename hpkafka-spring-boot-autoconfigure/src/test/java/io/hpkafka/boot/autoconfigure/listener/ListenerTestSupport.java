package io.hpkafka.boot.autoconfigure.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hpkafka.ClusterClient;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.record.Header;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Helpers of the listener tests: producing with headers and waiting for the acknowledgment, and reading a group's
 * committed offsets with the official Admin client (the oracle).
 */
final class ListenerTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ListenerTestSupport() {
    }

    /** Produces a record and waits until it is acknowledged. */
    static void send(ClusterClient client, String topic, int partition, String key, String value, String... headers)
            throws Exception {
        List<Header> list = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            list.add(new Header(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        client.send(new ProducerRecord(topic, partition, (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null,
                (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null, list, ProducerRecord.NO_TIMESTAMP))
            .get(30, TimeUnit.SECONDS);
    }

    /** The group's committed offset of each partition of {@code topic}. */
    static Map<Integer, Long> committed(String bootstrapServers, String groupId, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
            Map<Integer, Long> result = new HashMap<>();
            offsets.forEach((tp, offset) -> {
                if (tp.topic().equals(topic) && offset != null) {
                    result.put(tp.partition(), offset.offset());
                }
            });
            return result;
        }
    }

}
