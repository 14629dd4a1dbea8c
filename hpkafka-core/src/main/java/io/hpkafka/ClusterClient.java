package io.hpkafka;

import io.hpkafka.admin.ClusterAdmin;
import io.hpkafka.config.Configuration;
import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.event.Registration;
import io.hpkafka.record.Header;
import io.hpkafka.internal.admin.DefaultClusterAdmin;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.cluster.MetadataManager;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.cluster.PartitionMetadata;
import io.hpkafka.internal.concurrent.BoundedExecutor;
import io.hpkafka.internal.concurrent.Clock;
import io.hpkafka.internal.concurrent.SharedPool;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.ConsumerOptions;
import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.internal.consumer.FetchEngine;
import io.hpkafka.internal.consumer.OffsetLookups;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.consumer.OffsetReset;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.internal.event.EventPublisher;
import io.hpkafka.internal.event.LazyPublisher;
import io.hpkafka.group.CommitFailed;
import io.hpkafka.group.OffsetsCommitted;
import io.hpkafka.group.PartitionsAssigned;
import io.hpkafka.group.PartitionsRevoked;
import io.hpkafka.group.PartitionsRevoking;
import io.hpkafka.internal.network.ConnectionPool;
import io.hpkafka.internal.network.ConnectionSettings;
import io.hpkafka.internal.network.IoLoop;
import io.hpkafka.producer.ProduceAcknowledged;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProduceExpired;
import io.hpkafka.internal.producer.ProducerEngine;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.serialization.Deserializer;
import io.hpkafka.serialization.Serdes;
import io.hpkafka.internal.stats.Counters;
import io.hpkafka.internal.stats.Hooks;
import io.hpkafka.stats.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The untyped entry point to a Kafka cluster: produce records, consume partitions, and listen to what happens.
 * Thread-safe. Creating a client opens no connection; the first request connects to the seeds.
 * <p>
 * Consumers: {@link #newConsumer()} makes any number of {@link KafkaConsumer}s, each simple or a member of its own
 * consumer group, sharing this client's threads, connections and metadata. The untyped consumer methods here
 * ({@link #consumeFromEarliest}, {@link #subscribe}, {@link #onMessageReceived}, {@link #commit}, ...) drive a
 * default consumer, {@link #defaultConsumer()}.
 * <p>
 * Threads: one socket thread ({@code hpkafka-io-<clientId>}), one timer thread, and driver work on the configured
 * executor or on at most {@code maximumConcurrency} threads of a shared pool at a time; consumers deliver records on
 * at most as many more (a budget of their own, so listeners that block never hold the driver's threads). Producer
 * events are raised on driver threads; a consumer's records one at a time on its delivery executor, and no further
 * record of that consumer is delivered until the listener returns.
 */
public final class ClusterClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterClient.class);

    private final Configuration configuration;
    private final Counters counters = new Counters();
    private final Hooks hooks;
    private final EventListeners<ProduceAcknowledged> acknowledged = new EventListeners<>("acknowledged");
    private final EventListeners<ProduceDiscarded> discarded = new EventListeners<>("discarded");
    private final EventListeners<ProduceExpired> expired = new EventListeners<>("expired");
    private final Executor executor;
    /**
     * Where consumers deliver records unless their options name an executor: a view of its own over the shared pool,
     * so that listeners that block cannot take the threads that decode responses, send heartbeats and produce.
     */
    private final Executor deliveryExecutor;
    private final IoLoop ioLoop;
    private final ScheduledThreadPoolExecutor timer;
    private final ConnectionPool connections;
    private final MetadataManager metadata;
    private final ProducerEngine producer;
    private final ClientContext context;
    private final OffsetLookups offsetLookups;
    private final FetchEngine fetcher;
    private final DefaultClusterAdmin admin;
    private final AtomicInteger consumerNumbers = new AtomicInteger();
    /** The open consumers, the default one included; a consumer leaves this set when it has closed. */
    private final Set<KafkaConsumer<?, ?>> consumers = ConcurrentHashMap.newKeySet();
    private final KafkaConsumer<byte[], byte[]> defaultConsumer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LazyPublisher<ProduceAcknowledged> acknowledgedPublisher;
    private final LazyPublisher<ProduceDiscarded> discardedPublisher;
    private final LazyPublisher<ProduceExpired> expiredPublisher;

    /**
     * @param configuration the validated configuration
     */
    public ClusterClient(Configuration configuration) {
        this(configuration, Clock.SYSTEM);
    }

    /**
     * @param configuration the validated configuration
     * @param clock where the client's engines read time (tests pass a manual one)
     */
    ClusterClient(Configuration configuration, Clock clock) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.hooks = Hooks.of(configuration.hooks());
        hooks.clientCreated(configuration.clientId()); // first: the connections below may report at once
        Executor executor = configuration.executor() != null ? configuration.executor()
                : new BoundedExecutor(SharedPool.get(), configuration.maximumConcurrency());
        this.executor = executor;
        this.deliveryExecutor = configuration.executor() != null ? configuration.executor()
                : new BoundedExecutor(SharedPool.get(), configuration.maximumConcurrency());
        this.ioLoop = new IoLoop("hpkafka-io-" + configuration.clientId());
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hpkafka-timer-" + configuration.clientId());
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        // After close, late retries and linger timers are dropped rather than thrown at whichever thread asked.
        timer.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        this.connections = new ConnectionPool(configuration.seeds(), ioLoop,
                connectionSettings(configuration, executor, hooks));
        this.metadata = new MetadataManager(connections, timer, clock, configuration.clientRequestTimeoutMs(),
                configuration.refreshMetadataInterval().toMillis());
        this.context = new ClientContext(configuration, clock, executor, timer, metadata, connections, counters,
                hooks);
        this.producer = new ProducerEngine(context, acknowledged, discarded, expired);
        this.acknowledgedPublisher = new LazyPublisher<>("acknowledged", acknowledged, executor);
        this.discardedPublisher = new LazyPublisher<>("discarded", discarded, executor);
        this.expiredPublisher = new LazyPublisher<>("expired", expired, executor);
        this.offsetLookups = new OffsetLookups(context);
        this.fetcher = new FetchEngine(context, offsetLookups);
        this.admin = new DefaultClusterAdmin(context, offsetLookups);
        this.defaultConsumer = newConsumer(ConsumerOptions.builder().name("default").build(),
                Serdes.byteArrayDeserializer(), Serdes.byteArrayDeserializer());
    }

    /** The settings every connection of the client shares; responses are decoded on {@code executor}. */
    private static ConnectionSettings connectionSettings(Configuration config, Executor executor, Hooks hooks) {
        return new ConnectionSettings(config.clientId(), config.maxInFlightRequests(),
                config.clientRequestTimeoutMs(), config.sendBufferSize(), config.receiveBufferSize(),
                config.maxResponseSizeBytes(), executor, config.compatibility(), config.security(), hooks);
    }

    /** @return the configuration this client was built with */
    public Configuration configuration() {
        return configuration;
    }

    // ---------------------------------------------------------------- produce

    /**
     * Produces a record; the partition comes from the key's murmur2 hash, or round robin when the key is null.
     * Returns without waiting for the network.
     *
     * @param key key bytes or null
     * @param value value bytes or null (a tombstone)
     * @return {@code true} if accepted; {@code false} if discarded at once (overflow, closed client), with an event
     */
    public boolean produce(String topic, byte[] key, byte[] value) {
        return produce(topic, key, value, ProducerRecord.ANY_PARTITION);
    }

    /**
     * Produces a record to {@code partition} (or {@link ProducerRecord#ANY_PARTITION}).
     *
     * @return {@code true} if accepted; see {@link #produce(String, byte[], byte[])}
     * @throws IllegalArgumentException if {@code partition} is negative but not {@code ANY_PARTITION}
     */
    public boolean produce(String topic, byte[] key, byte[] value, int partition) {
        return producer.produce(Objects.requireNonNull(topic, "topic"), ProducerRecord.checkPartition(partition), key,
                value);
    }

    /**
     * Produces a record whose key and value are objects, serialized per the configuration's
     * {@link io.hpkafka.serialization.SerializationConfig} (default: byte[], String, ByteBuffer, MemorySerializable).
     * With serialization at send time (the default) the objects are kept until the record's outcome, returned in
     * discard and expiry events, and closed then if they are AutoCloseable.
     *
     * @return {@code true} if accepted; see {@link #produce(String, byte[], byte[])}
     * @throws IllegalArgumentException when serializing on produce and no serializer fits
     */
    public boolean produce(String topic, Object key, Object value) {
        return produce(topic, key, value, ProducerRecord.ANY_PARTITION, List.of(), ProducerRecord.NO_TIMESTAMP);
    }

    /**
     * Object variant with partition, headers and timestamp; see {@link #produce(String, Object, Object)}.
     *
     * @param partition partition index, or {@link ProducerRecord#ANY_PARTITION}
     * @param timestamp CreateTime in ms since the epoch, or {@link ProducerRecord#NO_TIMESTAMP}
     * @throws IllegalArgumentException if {@code partition} or {@code timestamp} is negative but not the "any" /
     *                                  "none" value, or when serializing on produce and no serializer fits
     */
    public boolean produce(String topic, Object key, Object value, int partition, List<Header> headers,
                           long timestamp) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(headers, "headers");
        ProducerRecord.checkPartition(partition);
        ProducerRecord.checkTimestamp(timestamp);
        return producer.produce(topic, key, value, partition, headers, timestamp);
    }

    /**
     * Produces a record with headers and timestamp. The byte arrays are not copied: do not change them afterwards.
     *
     * @return {@code true} if accepted; see {@link #produce(String, byte[], byte[])}
     * @throws NullPointerException if the record, its topic or its headers are null
     */
    public boolean produce(ProducerRecord record) {
        return producer.produce(checked(record));
    }

    /**
     * Produces a record and returns a future of its outcome, for callers who want one per record (the event-based
     * {@code produce} allocates nothing per record for this). The future completes on a driver thread with the
     * record's metadata once acknowledged, or exceptionally with a
     * {@link io.hpkafka.producer.ProduceFailedException} once discarded or expired.
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord record) {
        return producer.send(checked(record));
    }

    private static ProducerRecord checked(ProducerRecord record) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(record.topic(), "topic");
        Objects.requireNonNull(record.headers(), "headers");
        return record;
    }

    // ---------------------------------------------------------------- events

    /** Listens to the default consumer's records, delivered one at a time. */
    public Registration onMessageReceived(Consumer<KafkaRecord> listener) {
        return defaultConsumer.onRecordReceived(listener);
    }

    /**
     * The default consumer's records as a {@link java.util.concurrent.Flow.Publisher} (Reactor and RxJava adapt it).
     * Demand is honoured: while a subscriber has requested nothing more, no record is delivered to anyone and
     * fetching waits. Subscribers complete when the client closes.
     */
    public java.util.concurrent.Flow.Publisher<KafkaRecord> messages() {
        return defaultConsumer.messages();
    }

    /** @return acknowledged batches as a publisher; see {@link EventPublisher} for its buffering */
    public java.util.concurrent.Flow.Publisher<ProduceAcknowledged> acknowledgements() {
        return acknowledgedPublisher.get();
    }

    /** @return discarded records as a publisher; see {@link EventPublisher} for its buffering */
    public java.util.concurrent.Flow.Publisher<ProduceDiscarded> discards() {
        return discardedPublisher.get();
    }

    /** @return expired records as a publisher; see {@link EventPublisher} for its buffering */
    public java.util.concurrent.Flow.Publisher<ProduceExpired> expirations() {
        return expiredPublisher.get();
    }

    /** Listens to acknowledged batches of produced records (one event per partition batch). */
    public Registration onAcknowledged(Consumer<ProduceAcknowledged> listener) {
        return acknowledged.add(listener);
    }

    /** Listens to discarded records (one event per record, with the reason). */
    public Registration onDiscarded(Consumer<ProduceDiscarded> listener) {
        return discarded.add(listener);
    }

    /** Listens to records that outlived {@code messageTtl} (one event per record). */
    public Registration onExpired(Consumer<ProduceExpired> listener) {
        return expired.add(listener);
    }

    /**
     * Listens to the default consumer's partitions whose position was out of range and moved per
     * {@code offsetOutOfRangeStrategy}.
     */
    public Registration onOffsetReset(Consumer<OffsetReset> listener) {
        return defaultConsumer.onOffsetReset(listener);
    }

    /** Listens to the default consumer's errors; see {@link KafkaConsumer#onError}. */
    public Registration onConsumerError(Consumer<ConsumerError> listener) {
        return defaultConsumer.onError(listener);
    }

    // ---------------------------------------------------------------- consumers

    /**
     * Makes a consumer of raw records ({@code byte[]} keys and values) on this client.
     *
     * @return a new simple consumer; call {@link KafkaConsumer#subscribe} to make it a group member
     * @throws IllegalStateException if the client is closed
     */
    public KafkaConsumer<byte[], byte[]> newConsumer() {
        return newConsumer(ConsumerOptions.DEFAULT, Serdes.byteArrayDeserializer(), Serdes.byteArrayDeserializer());
    }

    /**
     * Makes a consumer on this client whose typed listeners get keys and values deserialized.
     *
     * @return a new simple consumer; call {@link KafkaConsumer#subscribe} to make it a group member
     * @throws IllegalStateException if the client is closed
     */
    public <K, V> KafkaConsumer<K, V> newConsumer(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        return newConsumer(ConsumerOptions.DEFAULT, keyDeserializer, valueDeserializer);
    }

    /**
     * Makes a consumer on this client with its own options (name, delivery executor).
     *
     * @return a new simple consumer; call {@link KafkaConsumer#subscribe} to make it a group member
     * @throws IllegalStateException if the client is closed
     */
    public <K, V> KafkaConsumer<K, V> newConsumer(ConsumerOptions options, Deserializer<K> keyDeserializer,
                                                  Deserializer<V> valueDeserializer) {
        Objects.requireNonNull(options, "options");
        if (closed.get()) {
            throw new IllegalStateException("client closed");
        }
        String name = options.name() != null ? options.name()
                : "consumer-" + consumerNumbers.incrementAndGet();
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(this, context, fetcher.newConsumer(
                configuration.clientId() + "/" + name,
                options.deliveryExecutor() != null ? options.deliveryExecutor() : deliveryExecutor),
                keyDeserializer, valueDeserializer);
        consumers.add(consumer);
        return consumer;
    }

    /** @return the consumer that the untyped consumer methods of this client drive */
    public KafkaConsumer<byte[], byte[]> defaultConsumer() {
        return defaultConsumer;
    }

    /** @return how many consumers are open, the default one included */
    int consumerCount() {
        return consumers.size();
    }

    /** A consumer has closed. */
    void forget(KafkaConsumer<?, ?> consumer) {
        consumers.remove(consumer);
    }

    // ---------------------------------------------------------------- consume

    /** The default consumer consumes {@code topic}/{@code partition} from its log start offset. */
    public void consumeFromEarliest(String topic, int partition) {
        consume(topic, partition, StartPosition.EARLIEST);
    }

    /**
     * Consumes {@code topic}/{@code partition} from its high watermark when the start offset is looked up: at once,
     * or with the partitions waiting for the same broker (see {@code consumeBatchSize} / {@code consumeBufferingTime})
     * when a lookup is already in flight there. Records produced before the lookup are not delivered.
     */
    public void consumeFromLatest(String topic, int partition) {
        consume(topic, partition, StartPosition.LATEST);
    }

    /**
     * Consumes {@code topic}/{@code partition} from {@code offset}; restarts it if already consumed.
     *
     * @param offset an offset, or {@link StartPosition#EARLIEST} / {@link StartPosition#LATEST}
     */
    public void consume(String topic, int partition, long offset) {
        defaultConsumer.consume(topic, partition, offset);
    }

    /**
     * Pauses every consumed partition of {@code topic}: no record of it is delivered once this returns (a listener
     * already handling one finishes it), and fetching it stops. {@link #resume} continues at exactly the next
     * undelivered offset.
     */
    public void pause(String topic) {
        defaultConsumer.pause(topic);
    }

    /** Resumes a paused topic at the next undelivered offset of each partition. */
    public void resume(String topic) {
        defaultConsumer.resume(topic);
    }

    /** Stops consuming every partition of {@code topic} now; records not yet delivered are dropped. */
    public void stopConsume(String topic) {
        defaultConsumer.stopConsume(topic);
    }

    /**
     * Stops consuming {@code topic}/{@code partition} once {@code lastOffset} is delivered.
     *
     * @param lastOffset the last offset to deliver; one below the current position stops at once
     */
    public void stopConsume(String topic, int partition, long lastOffset) {
        defaultConsumer.stopConsume(topic, partition, lastOffset);
    }

    // ---------------------------------------------------------------- consumer group

    /**
     * The default consumer consumes {@code topics} as a member of consumer group {@code groupId}; see
     * {@link KafkaConsumer#subscribe}. For several groups on one client, use a consumer each ({@link #newConsumer()}).
     *
     * @throws IllegalStateException if the default consumer already subscribed, consumes partitions given with
     *     {@link #consume}, or the client is closed
     */
    public void subscribe(String groupId, List<String> topics, ConsumerGroupConfiguration groupConfiguration) {
        defaultConsumer.subscribe(groupId, topics, groupConfiguration);
    }

    /**
     * Commits the default consumer's processed records; see {@link KafkaConsumer#commit()}.
     *
     * @throws IllegalStateException if the default consumer has not subscribed to a group
     * @throws KafkaClientException if the commit fails or times out (a commit-failed event is raised too)
     */
    public void commit() {
        defaultConsumer.commit();
    }

    /**
     * Commits like {@link #commit()} without waiting.
     *
     * @return a future completing on a driver thread once stored, or exceptionally with {@link KafkaClientException}
     * @throws IllegalStateException if the default consumer has not subscribed to a group
     */
    public CompletableFuture<Void> commitAsync() {
        return defaultConsumer.commitAsync();
    }

    /** Listens to partitions given to the default consumer by its group, before any record of them is delivered. */
    public Registration onPartitionsAssigned(Consumer<PartitionsAssigned> listener) {
        return defaultConsumer.onPartitionsAssigned(listener);
    }

    /**
     * Listens to partitions the default consumer is about to give up, before the offsets committed for them are read;
     * see {@link KafkaConsumer#onPartitionsRevoking}.
     */
    public Registration onPartitionsRevoking(Consumer<PartitionsRevoking> listener) {
        return defaultConsumer.onPartitionsRevoking(listener);
    }

    /** Listens to partitions the default consumer gave up; no record of them is delivered after the event. */
    public Registration onPartitionsRevoked(Consumer<PartitionsRevoked> listener) {
        return defaultConsumer.onPartitionsRevoked(listener);
    }

    /** Listens to offsets the group coordinator stored for the default consumer. */
    public Registration onOffsetsCommitted(Consumer<OffsetsCommitted> listener) {
        return defaultConsumer.onOffsetsCommitted(listener);
    }

    /** Listens to the default consumer's commits that failed (automatic, manual, or before a rebalance). */
    public Registration onCommitFailed(Consumer<CommitFailed> listener) {
        return defaultConsumer.onCommitFailed(listener);
    }

    // ---------------------------------------------------------------- metadata

    /**
     * @return a future of the topic's partition indexes; fails with {@link KafkaClientException} when the topic does
     *     not exist or no broker answers within {@code clientRequestTimeoutMs}
     */
    public CompletableFuture<List<Integer>> partitionsFor(String topic) {
        return metadata.topic(topic).thenApply(t -> t.partitions().stream().map(PartitionMetadata::partition).toList());
    }

    /**
     * Lists the topics of the cluster, for instance to match a subscription pattern against. Every call asks a broker
     * (Metadata for all topics); the answer does not make the client track those topics.
     *
     * @return a future of the name of every topic in the cluster, internal ones (such as {@code __consumer_offsets})
     *     left out; fails with {@link KafkaClientException} when no broker answers within
     *     {@code clientRequestTimeoutMs} (callbacks run on a client thread: do not block in them)
     */
    public CompletableFuture<Set<String>> topics() {
        return metadata.topicNames();
    }

    /** @return a future of the partition's log start offset (ListOffsets, timestamp -2) */
    public CompletableFuture<Long> earliestOffset(String topic, int partition) {
        return offsetLookups.offset(new TopicPartition(topic, partition), StartPosition.EARLIEST);
    }

    /** @return a future of the partition's high watermark (ListOffsets, timestamp -1) */
    public CompletableFuture<Long> latestOffset(String topic, int partition) {
        return offsetLookups.offset(new TopicPartition(topic, partition), StartPosition.LATEST);
    }

    /**
     * @return the administrative operations (create, delete and describe topics; list and describe groups, their
     *     lag) over this client's connections; the same object on every call
     */
    public ClusterAdmin admin() {
        return admin;
    }

    /** @return a snapshot of the client's counters */
    public Statistics statistics() {
        return counters.snapshot(connections::latestLatencyMs);
    }

    /**
     * Reads what the client knows of the cluster now, without sending a request or waiting: the brokers of the latest
     * Metadata answer with their connection state, the metadata's age and the time since any broker last answered.
     * For health checks; a client with nothing to do may have had no answer for up to {@code refreshMetadataInterval}.
     *
     * @return a snapshot; ages in ms, {@link io.hpkafka.stats.ClusterState#NEVER} before the first answer
     */
    public io.hpkafka.stats.ClusterState clusterState() {
        return io.hpkafka.internal.cluster.ClusterStates.snapshot(metadata, connections);
    }

    // ---------------------------------------------------------------- close

    /**
     * Closes with a flush bounded by {@code messageTtl} plus {@code clientRequestTimeoutMs}: every record produced
     * before the call ends acknowledged, discarded or expired before this returns.
     */
    @Override
    public void close() {
        close(configuration.messageTtl().plusMillis(configuration.clientRequestTimeoutMs()));
    }

    /**
     * Stops consuming, sends every buffered record at once and waits up to {@code timeout} for their outcome (called
     * from a consumer's listener, it does not wait for that consumer, whose record is in hand);
     * records still unanswered then are discarded (reason CLIENT_CLOSED). Every produced record has had its event
     * when this returns. Closing twice is harmless.
     *
     * @param timeout longest wait for the flush
     */
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeConsumers(timeout);
        fetcher.close();
        producer.beginClose();
        long deadline = context.clock().nanoTime() + timeout.toNanos();
        awaitNoPending(deadline);
        if (producer.pendingCount() > 0) {
            log.warn("Closing with {} records unacknowledged after {}; discarding them", producer.pendingCount(),
                    timeout);
            producer.abort();
        }
        admin.close();
        metadata.close();
        connections.close();
        // Failing in-flight requests on close reports their records; give that a moment to run.
        awaitNoPending(context.clock().nanoTime() + TimeUnit.SECONDS.toNanos(5));
        ioLoop.close();
        timer.shutdownNow();
        acknowledgedPublisher.close();
        discardedPublisher.close();
        expiredPublisher.close();
        hooks.clientClosed(); // last: nothing is reported after it
    }

    /**
     * Closes every consumer side by side: each stops fetching, finishes the record in hand and, as a group member,
     * commits and sends LeaveGroup (the commit bounded by 3 s, the LeaveGroup by 1 s: see KafkaConsumer#close).
     * Bounded by {@code timeout}, and by the longest rebalance timeout (the time a member has to finish its record)
     * plus one request timeout, as a last resort.
     */
    private void closeConsumers(Duration timeout) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        long boundMs = 0;
        for (KafkaConsumer<?, ?> consumer : List.copyOf(consumers)) {
            CompletableFuture<Void> closed = consumer.closeAsync();
            if (!consumer.isDeliveryThread()) { // a listener closing the client: its own record is in hand
                boundMs = Math.max(boundMs, consumer.closeBoundMs());
                closing.add(closed);
            }
        }
        long waitMs = Math.min(timeout.toMillis(), boundMs);
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Consumers were not all closed cleanly within {} ms: {}", waitMs, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitNoPending(long deadlineNanos) {
        while (producer.pendingCount() > 0 && context.clock().nanoTime() - deadlineNanos < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
