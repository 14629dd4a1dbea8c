package io.hpkafka.boot.autoconfigure.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.hpkafka.producer.DiscardReason;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.stats.ClientHooks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * {@link ClientHooks} that keep Micrometer meters per topic, API and partition, each tagged {@code client.id}:
 * <ul>
 * <li>{@code hpkafka.producer.topic.records} (counter; {@code topic}, {@code outcome} = acknowledged | discarded |
 * expired, {@code reason} = the {@link DiscardReason} in lower case, or {@code none});</li>
 * <li>{@code hpkafka.producer.batch.records} and {@code hpkafka.producer.batch.bytes} (distribution summaries of
 * the batches written into Produce requests, in records and bytes; {@code topic});</li>
 * <li>{@code hpkafka.request.latency} (timer from writing a request to reading its response; {@code api} =
 * Produce, Fetch, Metadata, ...);</li>
 * <li>{@code hpkafka.consumer.topic.records} and {@code hpkafka.consumer.topic.bytes} (counters of fetched records
 * and record bytes; {@code topic}), {@code hpkafka.consumer.fetch.latency} (timer of Fetch requests, the broker's
 * wait included);</li>
 * <li>{@code hpkafka.consumer.lag} (gauge, records between the position and the high watermark; {@code topic},
 * {@code partition}), removed when the client's consumers no longer read the partition.</li>
 * </ul>
 * Meters are made the first time they are needed, then looked up in a map: the client calls hooks per batch,
 * request and fetched partition, never per record. Every meter is removed from the registry when the client closes.
 * One instance per client: clients sharing it share (and, closing, remove) its meters.
 */
public class MicrometerClientHooks implements ClientHooks {

    private static final DiscardReason[] REASONS = DiscardReason.values();

    private final MeterRegistry registry;

    private volatile Tags clientTags = Tags.of("client.id", "unknown");

    /** Every meter made, removed at close. */
    private final Set<Meter> meters = ConcurrentHashMap.newKeySet();

    private final Map<String, ProducerTopic> producerTopics = new ConcurrentHashMap<>();

    private final Map<String, ConsumerTopic> consumerTopics = new ConcurrentHashMap<>();

    private final Map<String, Timer> requestLatency = new ConcurrentHashMap<>();

    private final Map<TopicPartition, Lag> lags = new ConcurrentHashMap<>();

    private volatile Timer fetchLatency;

    /**
     * @param registry where the meters go
     */
    public MicrometerClientHooks(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onClientCreated(String clientId) {
        this.clientTags = Tags.of("client.id", clientId);
    }

    @Override
    public void onBatchWritten(String topic, int partition, int records, int bytes) {
        ProducerTopic meters = producerTopic(topic);
        meters.batchRecords.record(records);
        meters.batchBytes.record(bytes);
    }

    @Override
    public void onRecordsAcknowledged(String topic, int partition, int records) {
        producerTopic(topic).acknowledged.increment(records);
    }

    @Override
    public void onRecordsDiscarded(String topic, int partition, int records, DiscardReason reason) {
        producerTopic(topic).discarded(reason).increment(records);
    }

    @Override
    public void onRecordsExpired(String topic, int partition, int records) {
        producerTopic(topic).expired.increment(records);
    }

    @Override
    public void onRequestCompleted(String api, int apiKey, int nodeId, long latencyNanos) {
        Timer timer = this.requestLatency.computeIfAbsent(api, (name) -> keep(Timer.builder("hpkafka.request.latency")
            .description("Time from writing a request to a broker to reading its response")
            .tags(this.clientTags)
            .tag("api", name)
            .register(this.registry)));
        timer.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onFetchCompleted(String topic, int partition, int records, int bytes, long highWatermark,
            long nextOffset, long latencyNanos) {
        ConsumerTopic meters = this.consumerTopics.computeIfAbsent(topic, ConsumerTopic::new);
        if (records > 0) {
            meters.records.increment(records);
            meters.bytes.increment(bytes);
        }
        fetchLatency().record(latencyNanos, TimeUnit.NANOSECONDS);
        Lag lag = this.lags.computeIfAbsent(new TopicPartition(topic, partition), Lag::new);
        lag.value.set(Math.max(0, highWatermark - nextOffset));
    }

    @Override
    public void onPartitionReleased(String topic, int partition) {
        Lag lag = this.lags.remove(new TopicPartition(topic, partition));
        if (lag != null) {
            remove(lag.gauge);
        }
    }

    @Override
    public void onClientClosed() {
        this.meters.forEach(this.registry::remove);
        this.meters.clear();
        this.producerTopics.clear();
        this.consumerTopics.clear();
        this.requestLatency.clear();
        this.lags.clear();
        this.fetchLatency = null;
    }

    private ProducerTopic producerTopic(String topic) {
        return this.producerTopics.computeIfAbsent(topic, ProducerTopic::new);
    }

    private Timer fetchLatency() {
        Timer timer = this.fetchLatency;
        if (timer == null) {
            timer = keep(Timer.builder("hpkafka.consumer.fetch.latency")
                .description("Time from sending a Fetch request to receiving its response, the broker's wait included")
                .tags(this.clientTags)
                .register(this.registry));
            this.fetchLatency = timer;
        }
        return timer;
    }

    private Counter recordsCounter(String topic, String outcome, String reason) {
        return keep(Counter.builder("hpkafka.producer.topic.records")
            .description("Produced records by topic and outcome")
            .baseUnit("records")
            .tags(this.clientTags)
            .tags("topic", topic, "outcome", outcome, "reason", reason)
            .register(this.registry));
    }

    private <M extends Meter> M keep(M meter) {
        this.meters.add(meter);
        return meter;
    }

    private void remove(Meter meter) {
        this.registry.remove(meter);
        this.meters.remove(meter);
    }

    /** The producer meters of one topic. */
    private final class ProducerTopic {

        final String topic;

        final Counter acknowledged;

        final Counter expired;

        final AtomicReferenceArray<Counter> discarded = new AtomicReferenceArray<>(REASONS.length);

        final DistributionSummary batchRecords;

        final DistributionSummary batchBytes;

        ProducerTopic(String topic) {
            this.topic = topic;
            this.acknowledged = recordsCounter(topic, "acknowledged", "none");
            this.expired = recordsCounter(topic, "expired", "none");
            this.batchRecords = keep(DistributionSummary.builder("hpkafka.producer.batch.records")
                .description("Records per batch written into a Produce request")
                .baseUnit("records")
                .tags(clientTags)
                .tag("topic", topic)
                .register(registry));
            this.batchBytes = keep(DistributionSummary.builder("hpkafka.producer.batch.bytes")
                .description("Size of the batches written into Produce requests, after compression")
                .baseUnit("bytes")
                .tags(clientTags)
                .tag("topic", topic)
                .register(registry));
        }

        Counter discarded(DiscardReason reason) {
            Counter counter = this.discarded.get(reason.ordinal());
            if (counter == null) { // made twice in a race, the registry returns the same counter
                counter = recordsCounter(this.topic, "discarded", reason.name().toLowerCase(java.util.Locale.ROOT));
                this.discarded.set(reason.ordinal(), counter);
            }
            return counter;
        }

    }

    /** The consumer meters of one topic. */
    private final class ConsumerTopic {

        final Counter records;

        final Counter bytes;

        ConsumerTopic(String topic) {
            this.records = keep(Counter.builder("hpkafka.consumer.topic.records")
                .description("Records fetched by topic")
                .baseUnit("records")
                .tags(clientTags)
                .tag("topic", topic)
                .register(registry));
            this.bytes = keep(Counter.builder("hpkafka.consumer.topic.bytes")
                .description("Record bytes fetched by topic")
                .baseUnit("bytes")
                .tags(clientTags)
                .tag("topic", topic)
                .register(registry));
        }

    }

    /** The lag gauge of one partition and the value it reads. */
    private final class Lag {

        final AtomicLong value = new AtomicLong();

        final Gauge gauge;

        Lag(TopicPartition tp) {
            this.gauge = keep(Gauge.builder("hpkafka.consumer.lag", this.value, AtomicLong::get)
                .description("Records between the consumer's position and the partition's high watermark")
                .baseUnit("records")
                .strongReference(true)
                .tags(clientTags)
                .tags("topic", tp.topic(), "partition", Integer.toString(tp.partition()))
                .register(registry));
        }

    }

}
