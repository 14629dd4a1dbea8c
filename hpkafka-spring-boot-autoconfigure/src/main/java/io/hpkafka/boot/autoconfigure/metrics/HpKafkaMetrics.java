package io.hpkafka.boot.autoconfigure.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.hpkafka.ClusterClient;
import io.hpkafka.stats.Statistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds a {@link ClusterClient}'s {@link Statistics} to Micrometer: record counters
 * ({@code hpkafka.producer.records} tagged {@code outcome=entered|acknowledged|discarded|expired|sent|retried},
 * {@code hpkafka.consumer.records.received}), {@code hpkafka.requests}, {@code hpkafka.producer.bytes.sent} (bytes),
 * and gauges {@code hpkafka.producer.records.pending}, {@code hpkafka.consumer.records.buffered} and
 * {@code hpkafka.request.latency.latest} (ms). Every meter carries the tag {@code client.id}. Counters read the
 * client's own counters when scraped; nothing is added to the produce or fetch path. {@link #close()} removes the
 * meters from every registry it bound them to (as a bean, when the context closes).
 */
public class HpKafkaMetrics implements MeterBinder, AutoCloseable {

    private final ClusterClient client;

    /** The meters bound, with their registries, for {@link #close()}. */
    private final List<Map.Entry<MeterRegistry, Meter>> bound = new CopyOnWriteArrayList<>();

    /**
     * @param client the client whose statistics are exposed
     */
    public HpKafkaMetrics(ClusterClient client) {
        this.client = client;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("client.id", this.client.configuration().clientId());
        counter(registry, "hpkafka.producer.records", tags.and("outcome", "entered"), Statistics::entered);
        counter(registry, "hpkafka.producer.records", tags.and("outcome", "acknowledged"), Statistics::acknowledged);
        counter(registry, "hpkafka.producer.records", tags.and("outcome", "discarded"), Statistics::discarded);
        counter(registry, "hpkafka.producer.records", tags.and("outcome", "expired"), Statistics::expired);
        counter(registry, "hpkafka.producer.records", tags.and("outcome", "sent"), Statistics::sent);
        counter(registry, "hpkafka.producer.records", tags.and("outcome", "retried"), Statistics::retries);
        counter(registry, "hpkafka.producer.bytes.sent", tags, Statistics::bytesSent);
        counter(registry, "hpkafka.requests", tags, Statistics::requests);
        counter(registry, "hpkafka.consumer.records.received", tags, Statistics::received);
        gauge(registry, "hpkafka.producer.records.pending", tags, (s) -> s.entered() - s.exited());
        gauge(registry, "hpkafka.consumer.records.buffered", tags, Statistics::bufferedRecords);
        gauge(registry, "hpkafka.request.latency.latest", tags, Statistics::latestRequestLatencyMs);
    }

    /**
     * Removes the meters bound so far from their registries.
     */
    @Override
    public void close() {
        this.bound.forEach((entry) -> entry.getKey().remove(entry.getValue()));
        this.bound.clear();
    }

    private void counter(MeterRegistry registry, String name, Tags tags, ToLongFunction<Statistics> value) {
        ToDoubleFunction<ClusterClient> read = (c) -> value.applyAsLong(c.statistics());
        this.bound.add(Map.entry(registry, FunctionCounter.builder(name, this.client, read).tags(tags)
            .register(registry)));
    }

    private void gauge(MeterRegistry registry, String name, Tags tags, ToLongFunction<Statistics> value) {
        ToDoubleFunction<ClusterClient> read = (c) -> value.applyAsLong(c.statistics());
        this.bound.add(Map.entry(registry, Gauge.builder(name, this.client, read).tags(tags).register(registry)));
    }

}
