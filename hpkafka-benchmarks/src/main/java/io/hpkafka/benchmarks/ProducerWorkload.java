package io.hpkafka.benchmarks;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.config.RequiredAcks;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Producer throughput: {@code records} values of {@code recordSize} bytes, no key, round robin (hpkafka) or sticky
 * (kafka-clients' default for unkeyed records) over the topic's partitions, as fast as each client takes them; the run
 * ends when the last record is acknowledged. Each run warms its client up with a tenth of the records first (JIT,
 * connections, metadata), then measures. Each run writes its own topic, deleted afterwards.
 */
final class ProducerWorkload {

    private ProducerWorkload() {
    }

    static void run(BenchContext ctx) {
        run(ctx, "");
        BenchmarkOptions o = ctx.options();
        if (o.largeRecords() > 0) {
            // The issue's second set: 200,000 records of 1 KB, every configuration again.
            BenchmarkOptions large = o.forLargeRecords();
            ctx.note("producer runs of " + large.recordSize() + " B records: " + large.records() + " records each; "
                    + "hpkafka produceBatchSize=" + large.hpkafkaBatchRecords() + " records per broker, "
                    + "maxBufferedMessages=" + (32 * 1024 * 1024 / (large.recordSize() + 10))
                    + "; kafka-clients settings unchanged");
            run(ctx.withOptions(large), ", " + large.recordSize() + " B");
        }
    }

    private static void run(BenchContext ctx, String sizeLabel) {
        BenchmarkOptions o = ctx.options();
        for (String[] setting : o.producerMatrix()) {
            String acks = setting[0];
            String codec = setting[1];
            String config = "acks=" + acks + " " + codec + sizeLabel;
            for (int rep = 1; rep <= o.repetitions(); rep++) {
                ctx.awaitQuiet();
                if (o.uses("hpkafka")) {
                    measure(ctx, config, "hpkafka", rep, topic -> hpkafka(ctx, topic, acks, codec, o.records()));
                }
                if (o.uses("kafka-clients")) {
                    measure(ctx, config, "kafka-clients", rep, topic -> peer(ctx, topic, acks, codec, o.records()));
                }
            }
        }
    }

    /** Unmeasured runs of both clients, so the first measured run does not pay for class loading and the JIT. */
    static void warmUp(BenchContext ctx, long records) throws Exception {
        String topic = "bench-warmup-producer";
        ctx.createTopic(topic);
        try {
            // C2 keeps compiling for seconds on 2 busy cores; three rounds each, alternating, before anything counts.
            for (int i = 0; i < 3; i++) {
                if (ctx.options().uses("hpkafka")) {
                    hpkafka(ctx, topic, "1", "none", records);
                }
                if (ctx.options().uses("kafka-clients")) {
                    peer(ctx, topic, "1", "none", records);
                }
            }
        } finally {
            ctx.deleteTopic(topic);
        }
    }

    interface Run {
        Measured run(String topic) throws Exception;
    }

    /** What one run measured. */
    record Measured(long records, ResourceMeter.Usage usage, long failed) {
    }

    private static void measure(BenchContext ctx, String config, String client, int rep, Run run) {
        String topic = ("bench-produce-" + config + "-" + client + "-" + rep).replaceAll("[^a-zA-Z0-9._-]+", "-");
        try {
            ctx.createTopic(topic);
            Measured m = run.run(topic);
            if (m.failed() > 0) {
                throw new IllegalStateException(m.failed() + " records failed");
            }
            ctx.add(new RunResult("producer", config, client, rep, m.records(),
                    m.records() * ctx.options().recordSize(), m.usage(), Map.of()));
        } catch (Exception e) {
            ctx.failed("producer " + config + " " + client + " #" + rep, e);
        } finally {
            ctx.deleteTopic(topic);
        }
    }

    static Measured hpkafka(BenchContext ctx, String topic, String acks, String codec, long records)
            throws Exception {
        var configuration = ctx.hpkafka("bench-hpkafka-producer")
                .requiredAcks(acks.equals("all") ? RequiredAcks.ALL_IN_SYNC_REPLICAS : RequiredAcks.LEADER)
                .compressionCodec(CompressionCodec.valueOf(codec.toUpperCase(Locale.ROOT)))
                .build();
        try (ClusterClient client = new ClusterClient(configuration)) {
            Completion completion = new Completion();
            client.onAcknowledged(ack -> completion.done(ack.recordCount()));
            client.onDiscarded(discard -> completion.failed(1));
            client.onExpired(expiry -> completion.failed(1));
            client.partitionsFor(topic).get(30, TimeUnit.SECONDS);

            long warmUp = Math.max(1, records / 10);
            hpkafkaSend(ctx, client, topic, completion, warmUp);
            ResourceMeter.Snapshot start = ctx.meter().snapshot();
            hpkafkaSend(ctx, client, topic, completion, records);
            return new Measured(records, ctx.meter().since(start), completion.failedCount());
        }
    }

    private static void hpkafkaSend(BenchContext ctx, ClusterClient client, String topic, Completion completion,
                                    long records) throws Exception {
        completion.expect(records);
        for (long i = 0; i < records; i++) {
            // false means discarded at once: the discard event has counted it already
            client.produce(topic, null, ctx.payload(i));
        }
        completion.await(BenchContext.RUN_TIMEOUT_MS);
    }

    static Measured peer(BenchContext ctx, String topic, String acks, String codec, long records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(ctx.peerProducer("bench-peer-producer", acks, codec))) {
            Completion completion = new Completion();
            // One callback for every record: counting failures must not add an object per record to the peer.
            Callback callback = (metadata, error) -> {
                if (error != null) {
                    completion.failed(1);
                }
            };
            producer.partitionsFor(topic);

            long warmUp = Math.max(1, records / 10);
            for (long i = 0; i < warmUp; i++) {
                producer.send(new ProducerRecord<>(topic, ctx.payload(i)), callback);
            }
            producer.flush();
            ResourceMeter.Snapshot start = ctx.meter().snapshot();
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, ctx.payload(i)), callback);
            }
            producer.flush();
            return new Measured(records, ctx.meter().since(start), completion.failedCount());
        }
    }
}
