package io.hpkafka;

import io.hpkafka.consumer.KafkaRecord;
import io.hpkafka.producer.ProduceAcknowledged;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProduceExpired;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.stats.Statistics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** STUB: signatures only, implementation in progress. */
public final class ClusterClient implements AutoCloseable {
    public ClusterClient(Configuration configuration) { throw new UnsupportedOperationException(); }
    public Configuration configuration() { throw new UnsupportedOperationException(); }
    public boolean produce(String topic, byte[] key, byte[] value) { throw new UnsupportedOperationException(); }
    public boolean produce(String topic, byte[] key, byte[] value, int partition) { throw new UnsupportedOperationException(); }
    public boolean produce(ProducerRecord record) { throw new UnsupportedOperationException(); }
    public Registration onMessageReceived(Consumer<KafkaRecord> listener) { throw new UnsupportedOperationException(); }
    public Registration onAcknowledged(Consumer<ProduceAcknowledged> listener) { throw new UnsupportedOperationException(); }
    public Registration onDiscarded(Consumer<ProduceDiscarded> listener) { throw new UnsupportedOperationException(); }
    public Registration onExpired(Consumer<ProduceExpired> listener) { throw new UnsupportedOperationException(); }
    public void consumeFromEarliest(String topic, int partition) { throw new UnsupportedOperationException(); }
    public void consumeFromLatest(String topic, int partition) { throw new UnsupportedOperationException(); }
    public void consume(String topic, int partition, long offset) { throw new UnsupportedOperationException(); }
    public CompletableFuture<List<Integer>> partitionsFor(String topic) { throw new UnsupportedOperationException(); }
    public CompletableFuture<Long> earliestOffset(String topic, int partition) { throw new UnsupportedOperationException(); }
    public CompletableFuture<Long> latestOffset(String topic, int partition) { throw new UnsupportedOperationException(); }
    public Statistics statistics() { throw new UnsupportedOperationException(); }
    public void close(Duration timeout) { throw new UnsupportedOperationException(); }
    @Override public void close() { throw new UnsupportedOperationException(); }
}
