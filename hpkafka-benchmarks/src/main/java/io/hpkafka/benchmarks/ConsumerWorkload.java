package io.hpkafka.benchmarks;

import io.hpkafka.ClusterClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumer throughput: both clients read the same topic ({@code records} uncompressed values, written once by
 * kafka-clients before the runs) from the earliest offset of every partition, without a consumer group; the run ends
 * at the last record. hpkafka: {@code ClusterClient.consumeFromEarliest} on every partition with a
 * message-received listener. kafka-clients: {@code assign} + {@code seekToBeginning}, then {@code poll} in a loop.
 * Each run starts a fresh client, so connecting and the first ListOffsets are in the measured time of both.
 */
final class ConsumerWorkload {

    static final String TOPIC = "bench-consume";

    private ConsumerWorkload() {
    }

    /** Writes the topic both consumers read, unless it is there already (the listener workload reads it too). */
    static void fill(BenchContext ctx, long records) throws Exception {
        ctx.createTopic(TOPIC);
        ProducerWorkload.Measured m = ProducerWorkload.peer(ctx, TOPIC, "1", "none", records);
        if (m.failed() > 0) {
            throw new IllegalStateException("filling " + TOPIC + ": " + m.failed() + " records failed");
        }
    }

    /** @return records in {@link #TOPIC}: the fill writes a warm-up tenth before the measured records */
    static long filled(long records) {
        return records + Math.max(1, records / 10);
    }

    static void run(BenchContext ctx, long records) {
        BenchmarkOptions o = ctx.options();
        for (int rep = 1; rep <= o.repetitions(); rep++) {
            ctx.awaitQuiet();
            try {
                if (o.uses("hpkafka")) {
                    ctx.add(hpkafka(ctx, rep, records));
                }
            } catch (Exception e) {
                ctx.failed("consumer hpkafka #" + rep, e);
            }
            try {
                if (o.uses("kafka-clients")) {
                    ctx.add(peer(ctx, rep, records));
                }
            } catch (Exception e) {
                ctx.failed("consumer kafka-clients #" + rep, e);
            }
        }
    }

    static RunResult hpkafka(BenchContext ctx, int rep, long records) throws Exception {
        ResourceMeter.Snapshot start = ctx.meter().snapshot();
        try (ClusterClient client = new ClusterClient(ctx.hpkafka("bench-hpkafka-consumer").build())) {
            Completion completion = new Completion();
            AtomicLong bytes = new AtomicLong();
            completion.expect(records);
            client.onMessageReceived(record -> {
                byte[] value = record.value();
                bytes.addAndGet(value == null ? 0 : value.length);
                completion.done(1);
            });
            for (int p = 0; p < ctx.options().partitions(); p++) {
                client.consumeFromEarliest(TOPIC, p);
            }
            completion.await(BenchContext.RUN_TIMEOUT_MS);
            ResourceMeter.Usage usage = ctx.meter().since(start);
            return new RunResult("consumer", "from earliest", "hpkafka", rep, records, bytes.get(), usage, Map.of());
        }
    }

    static RunResult peer(BenchContext ctx, int rep, long records) throws Exception {
        ResourceMeter.Snapshot start = ctx.meter().snapshot();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ctx.peerConsumer("bench-peer-consumer"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < ctx.options().partitions(); p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long bytes = 0;
            long deadline = System.currentTimeMillis() + BenchContext.RUN_TIMEOUT_MS;
            while (count < records) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException((records - count) + " records still unread after "
                            + BenchContext.RUN_TIMEOUT_MS + " ms");
                }
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    byte[] value = record.value();
                    bytes += value == null ? 0 : value.length;
                    count++;
                }
            }
            ResourceMeter.Usage usage = ctx.meter().since(start);
            return new RunResult("consumer", "from earliest", "kafka-clients", rep, count, bytes, usage, Map.of());
        }
    }
}
