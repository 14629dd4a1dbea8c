package io.hpkafka.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.hpkafka.record.TopicPartition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The official client as a witness: the records a topic holds, its end offsets, and a group's committed offsets read
 * again and again while a test runs.
 */
final class KafkaOracle {

    private KafkaOracle() {
    }

    /** @return the end offset (high watermark) of each partition of {@code topic} */
    static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<org.apache.kafka.common.TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                specs.put(new org.apache.kafka.common.TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(new TopicPartition(tp.topic(), tp.partition()), info.offset()));
            return ends;
        }
    }

    /** @return the record numbers ({@link SteadyProducer#id}) in {@code topic}, read from the earliest offsets */
    static List<Integer> ids(String bootstrap, String topic, int partitions) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(bootstrap, topic, partitions);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Integer> ids = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<org.apache.kafka.common.TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new org.apache.kafka.common.TopicPartition(topic, p));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long wanted = ends.values().stream().mapToLong(Long::longValue).sum();
            while (ids.size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(SteadyProducer.id(r.value()));
                }
            }
        }
        return ids;
    }

    /**
     * Reads a group's committed offsets every 100 ms on a thread of its own until closed; reads that fail (the
     * network is faulty on purpose) are counted and skipped.
     */
    static final class CommittedOffsetsWatcher implements AutoCloseable {
        final Map<TopicPartition, List<Long>> observed = new HashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger failedReads = new AtomicInteger();
        final List<String> decreases = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        CommittedOffsetsWatcher(String bootstrap, String group) {
            thread = new Thread(() -> watch(bootstrap, group), "committed-offsets-watcher-" + group);
            thread.setDaemon(true);
            thread.start();
        }

        private void watch(String bootstrap, String group) {
            try (Admin admin = admin(bootstrap)) {
                while (running.get()) {
                    try {
                        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = admin
                                .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                                .get(3, TimeUnit.SECONDS);
                        reads.incrementAndGet();
                        synchronized (this) {
                            offsets.forEach((tp, o) -> {
                                if (o == null) {
                                    return;
                                }
                                List<Long> list = observed.computeIfAbsent(
                                        new TopicPartition(tp.topic(), tp.partition()), k -> new ArrayList<>());
                                if (!list.isEmpty() && o.offset() < list.get(list.size() - 1)) {
                                    decreases.add(tp + ": " + list.get(list.size() - 1) + " then " + o.offset());
                                }
                                list.add(o.offset());
                            });
                        }
                    } catch (Exception e) {
                        failedReads.incrementAndGet();
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
    }
}
