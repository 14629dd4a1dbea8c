package io.hpkafka.internal.producer;

import io.hpkafka.producer.DiscardReason;
import io.hpkafka.producer.ProduceAcknowledged;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProduceExpired;
import io.hpkafka.producer.ProduceFailedException;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.config.Configuration;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.cluster.MetadataManager;
import io.hpkafka.internal.cluster.TopicMetadata;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.concurrent.Clock;
import io.hpkafka.internal.concurrent.SerialExecutor;
import io.hpkafka.config.BatchStrategy;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.config.ErrorStrategy;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.network.Connections;
import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.internal.network.NetworkException;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.ProduceRequest;
import io.hpkafka.internal.protocol.message.ProduceResponse;
import io.hpkafka.internal.protocol.record.RecordSizes;
import io.hpkafka.serialization.SerializationConfig;
import io.hpkafka.serialization.Serializer;
import io.hpkafka.internal.stats.Counters;
import io.hpkafka.internal.stats.Hooks;
import io.hpkafka.producer.ProduceInterceptor;
import io.hpkafka.record.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The produce path after {@code produce}: routing to a partition and its leader, batching per broker (or globally),
 * Produce requests, and the outcome of every record: acknowledged, discarded or expired, each reported exactly once.
 * <p>
 * Thread rule: {@link #produce} runs on the caller's thread; everything else runs on one {@link SerialExecutor}
 * (the producer's actor), so the accumulators and round-robin state need no lock.
 */
public final class ProducerEngine {

    private static final Logger log = LoggerFactory.getLogger(ProducerEngine.class);
    /** Accumulator key used by BatchStrategy.GLOBAL. */
    private static final int GLOBAL = Integer.MIN_VALUE;
    /** Least time between two metadata refreshes asked for by records waiting on routing, in ms. */
    private static final long METADATA_RETRY_BACKOFF_MS = 100;
    private static final String CLOSED_BEFORE_SEND = "client closed before send";

    private final Configuration config;
    private final MetadataManager metadata;
    private final Connections connections;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final SerialExecutor actor;
    /** Compresses batches on the executor before their request goes out; null without compression. */
    private final BatchCompressor compressor;
    private final Counters counters;
    private final Hooks hooks;
    /** Sees every record before it enters; null without one, or in a legacy mode (no headers to add). */
    private final ProduceInterceptor interceptor;
    private final RecordOutcomes outcomes;
    private final RecordSizeLimit sizeLimit;
    private final PartitionChooser chooser;
    private final long ttlMillis;
    /** {@code maxRequestSizeBytes}: most bytes of record batches per request, in bytes. */
    private final int maxRequestSizeBytes;
    private volatile boolean closing;
    private volatile boolean aborting;

    /** Produced records on their way to the actor; {@link #drainIntake} routes them. */
    private final RecordIntake intake = new RecordIntake();
    private final Runnable drainIntake = this::drainIntake;

    // Touched only on the actor.
    private final Map<Integer, Accumulator> accumulators = new HashMap<>();
    private final Map<String, TopicRoute> routes = new HashMap<>();
    private final ArrayDeque<PendingRecord> awaitingMetadata = new ArrayDeque<>();
    /**
     * Topics with a record in {@link #awaitingMetadata} for want of the topic, and partitions with one for want of a
     * leader: a record routed meanwhile to either waits behind it, so that the records of a partition keep their
     * produce order even when the metadata arrives by another request first. Emptied when the waiting records are
     * routed again, in order, after a refresh.
     */
    private final Set<String> topicsAwaiting = new HashSet<>();
    private final Set<TopicPartition> partitionsAwaiting = new HashSet<>();
    /**
     * With maxInFlightRequests=1, partitions with a batch in flight or awaiting a retry, and the records that must
     * follow it, in order. A partition here is not sent to, so a retried batch is never overtaken by a newer one.
     */
    private final Map<TopicPartition, ArrayDeque<PendingRecord>> blocked = new HashMap<>();
    /** Blocked partitions whose batch is to be sent again once fresh metadata arrives. */
    private final List<TopicPartition> retryAfterRefresh = new ArrayList<>();
    private boolean metadataRefreshScheduled;
    private boolean waitingExpiryScheduled;
    /** The largest batch of the last send, in records: new batches start with room for as many. */
    private int expectedBatchRecords = 16;
    private long lastMetadataRequestNanos;

    /**
     * @param context the client's shared parts
     * @param acknowledged listeners of acknowledged batches
     * @param discarded listeners of discarded records
     * @param expired listeners of expired records
     */
    public ProducerEngine(ClientContext context, EventListeners<ProduceAcknowledged> acknowledged,
                          EventListeners<ProduceDiscarded> discarded, EventListeners<ProduceExpired> expired) {
        Configuration config = context.configuration();
        Executor executor = context.executor();
        this.config = config;
        this.metadata = context.metadata();
        this.connections = context.connections();
        this.timer = context.timer();
        this.clock = context.clock();
        Counters counters = context.counters();
        this.actor = new SerialExecutor(executor);
        // Legacy message sets are written by the network thread, as the negotiated version decides their format.
        this.compressor = config.compressionCodec() != CompressionCodec.NONE
                && config.compatibility().messageFormat() >= 2
                ? new BatchCompressor(config.compressionCodec(), executor, actor, this::dispatchCompressed) : null;
        this.counters = counters;
        this.hooks = context.hooks();
        this.interceptor = config.compatibility().messageFormat() >= 2 ? config.produceInterceptor() : null;
        this.outcomes = new RecordOutcomes(config, counters, hooks, acknowledged, discarded, expired);
        this.chooser = new PartitionChooser(config);
        this.ttlMillis = config.messageTtl().toMillis();
        this.maxRequestSizeBytes = config.maxRequestSizeBytes();
        this.sizeLimit = new RecordSizeLimit(maxRequestSizeBytes, outcomes);
    }

    /**
     * Hands a record to the producer. Returns without waiting for the network; blocks only under
     * OverflowStrategy.BLOCK while {@code maxBufferedMessages} records are already waiting.
     *
     * @return {@code true} if the record was accepted; {@code false} if it was discarded at once (an event says so)
     */
    public boolean produce(ProducerRecord record) {
        return accept(new PendingRecord(record.topic(), record.partition(), record.key(), record.value(),
                intercept(record.topic(), record.partition(), record.headers()), record.timestamp(),
                clock.currentTimeMillis(), null));
    }

    /**
     * Like {@link #produce(ProducerRecord)}, and completes the returned future with the record's outcome: its
     * metadata once acknowledged, or a {@link ProduceFailedException} once discarded or expired.
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord record) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        List<Header> headers = record.headers();
        if (interceptor != null) {
            ProduceInterceptor.Interception interception = interceptor.onSend(record.topic(), record.partition(),
                    headers);
            headers = interception.headers();
            if (interception.onOutcome() != null) {
                future.whenComplete(interception.onOutcome()); // before the record can end: it runs on its outcome
            }
        }
        accept(new PendingRecord(record.topic(), record.partition(), record.key(), record.value(), headers,
                record.timestamp(), clock.currentTimeMillis(), future));
        return future;
    }

    /**
     * Like {@link #produce(ProducerRecord)} for a record with no headers and the current time, without a
     * {@link ProducerRecord} to allocate.
     *
     * @param partition partition index, or {@link ProducerRecord#ANY_PARTITION}
     */
    public boolean produce(String topic, int partition, byte[] key, byte[] value) {
        return accept(new PendingRecord(topic, partition, key, value, intercept(topic, partition, List.of()),
                ProducerRecord.NO_TIMESTAMP, clock.currentTimeMillis(), null));
    }

    /**
     * Produces a record whose key and value are objects, serialized per {@code serializationConfig}: at once when
     * it serializes on produce (a throwing serializer then throws here, and the record is not taken), otherwise
     * later, keeping the originals.
     *
     * @return {@code true} if the record was accepted; see {@link #produce(ProducerRecord)}
     */
    public boolean produce(String topic, Object key, Object value, int partition, List<io.hpkafka.record.Header> headers,
                           long timestamp) {
        SerializationConfig serialization = config.serializationConfig();
        headers = intercept(topic, partition, headers);
        if (serialization.serializeOnProduce()) {
            Serializer<Object> keySerializer = serialization.keySerializer(topic);
            Serializer<Object> valueSerializer = serialization.valueSerializer(topic);
            if (PendingRecord.announcesBadSize(key, keySerializer, maxRequestSizeBytes)
                    || PendingRecord.announcesBadSize(value, valueSerializer, maxRequestSizeBytes)) {
                // Serializing would allocate the announced size: accept() refuses the record from that size alone.
                return accept(new PendingRecord(topic, partition, headers, timestamp, clock.currentTimeMillis(),
                        new PendingRecord.Unserialized(key, value, keySerializer, valueSerializer)));
            }
            return accept(new PendingRecord(topic, partition, keySerializer.serialize(topic, key),
                    valueSerializer.serialize(topic, value), headers, timestamp, clock.currentTimeMillis(), null));
        }
        return accept(new PendingRecord(topic, partition, headers, timestamp, clock.currentTimeMillis(),
                new PendingRecord.Unserialized(key, value,
                key == null ? null : serialization.keySerializer(topic),
                value == null ? null : serialization.valueSerializer(topic))));
    }

    /** @return the headers the interceptor gives the record; {@code headers} without one (a null check, no more) */
    private List<Header> intercept(String topic, int partition, List<Header> headers) {
        return interceptor == null ? headers : interceptor.onProduce(topic, partition, headers);
    }

    private boolean accept(PendingRecord pr) {
        long pendingWithThis = outcomes.entered();
        if (closing) {
            outcomes.discard(pr, DiscardReason.CLIENT_CLOSED, "produce called after close");
            return false;
        }
        if (!pr.headers.isEmpty() && config.compatibility().messageFormat() < 2) {
            // Legacy message sets have no headers: refuse this record alone rather than fail its whole request.
            outcomes.discard(pr, DiscardReason.INVALID_RECORD, "compatibility=" + config.compatibility()
                    + " writes message format v" + config.compatibility().messageFormat() + ", which has no headers");
            return false;
        }
        if (!sizeLimit.admit(pr)) {
            return false;
        }
        if (!outcomes.admit(pr, pendingWithThis)) {
            return false;
        }
        if (intake.push(pr)) {
            actor.execute(drainIntake);
        }
        return true;
    }

    /** @return records handed in and not yet acknowledged, discarded or expired */
    public long pendingCount() {
        return outcomes.pending();
    }

    /**
     * Stops accepting records and sends what is buffered at once. Records keep their normal fate until
     * {@link #abort()}.
     */
    public void beginClose() {
        closing = true;
        actor.execute(() -> new ArrayList<>(accumulators.keySet()).forEach(this::send));
    }

    /** Discards, as CLIENT_CLOSED, every record not yet acknowledged once their requests fail or return. */
    public void abort() {
        aborting = true;
        actor.execute(() -> {
            for (Accumulator acc : accumulators.values()) {
                for (PartitionBatch b : acc.seal()) {
                    b.records.forEach(r -> outcomes.discard(r, DiscardReason.CLIENT_CLOSED, CLOSED_BEFORE_SEND));
                }
                if (acc.lingerTimer != null) {
                    acc.lingerTimer.cancel(false);
                }
            }
            accumulators.clear();
            PendingRecord r;
            while ((r = awaitingMetadata.poll()) != null) {
                outcomes.discard(r, DiscardReason.CLIENT_CLOSED, CLOSED_BEFORE_SEND);
            }
            topicsAwaiting.clear();
            partitionsAwaiting.clear();
            for (ArrayDeque<PendingRecord> held : blocked.values()) {
                held.forEach(h -> outcomes.discard(h, DiscardReason.CLIENT_CLOSED, CLOSED_BEFORE_SEND));
                held.clear();
            }
        });
    }

    // ---------------------------------------------------------------- routing (actor)

    private void drainIntake() {
        long now = clock.currentTimeMillis(); // one clock read per drain, not per record
        intake.drain(pr -> {
            try {
                route(pr, now);
            } catch (RuntimeException e) { // a bug: still give the record its one outcome, and route the others
                log.error("Routing a record to topic '{}' failed", pr.topic, e);
                outcomes.discard(pr, DiscardReason.INVALID_RECORD, "routing failed: " + e);
            }
        });
    }

    private void route(PendingRecord pr) {
        route(pr, clock.currentTimeMillis());
    }

    private void route(PendingRecord pr, long nowMillis) {
        if (aborting) {
            outcomes.discard(pr, DiscardReason.CLIENT_CLOSED, CLOSED_BEFORE_SEND);
            return;
        }
        if (nowMillis - pr.enteredMillis > ttlMillis) {
            outcomes.expire(pr);
            return;
        }
        TopicRoute route = routes.get(pr.topic);
        if (route == null) {
            route = new TopicRoute(pr.topic);
            routes.put(pr.topic, route);
        }
        route.refresh(metadata.current(), chooser);
        TopicMetadata topic = route.metadata();
        // Behind a record of this topic that waits for it, even if the metadata has come meanwhile: order first.
        boolean behind = !awaitingMetadata.isEmpty() && topicsAwaiting.contains(pr.topic);
        if (behind || topic == null || !topic.usable()) {
            if (topic != null && topic.errorCode() != Errors.NONE) {
                if (!Errors.isRetriable(topic.errorCode())) {
                    outcomes.discard(pr, DiscardReason.BROKER_ERROR, Errors.name(topic.errorCode()));
                    return;
                }
                pr.lastError = Errors.name(topic.errorCode());
            }
            awaitTopic(pr);
            return;
        }
        if (pr.partition < 0 && pr.requestedPartition < 0 && pr.keyPending()) {
            try {
                pr.serializeKey(); // the key's bytes choose the partition
            } catch (RuntimeException e) {
                outcomes.discard(pr, DiscardReason.SERIALIZATION_ERROR, e.toString());
                return;
            }
        }
        if (pr.partition >= 0 && pr.originalKey() == null && pr.requestedPartition < 0
                && !route.writable(pr.partition)) {
            pr.partition = -1; // an unkeyed record is not tied to a partition that lost its leader
        }
        int partition = chooser.choose(pr, route);
        if (partition < 0) {
            awaitTopic(pr);
            return;
        }
        if (partition >= topic.partitions().size()) {
            outcomes.discard(pr, DiscardReason.UNKNOWN_PARTITION, "partition " + partition + " does not exist; topic '"
                    + topic.name() + "' has " + topic.partitions().size());
            return;
        }
        pr.partition = partition;
        if (!awaitingMetadata.isEmpty() && partitionsAwaiting.contains(route.topicPartition(partition))) {
            awaitLeader(pr, route.topicPartition(partition)); // behind a record of this partition waiting for a leader
            return;
        }
        if (!blocked.isEmpty()) {
            ArrayDeque<PendingRecord> held = blocked.get(route.topicPartition(partition));
            if (held != null) {
                held.add(pr); // behind the batch in flight for this partition
                return;
            }
        }
        int leaderId = route.sendableLeader(partition);
        if (leaderId < 0) {
            pr.lastError = "LEADER_NOT_AVAILABLE";
            awaitLeader(pr, route.topicPartition(partition));
            return;
        }
        PartitionBatch batch = route.openBatch(partition, leaderId);
        int key = config.batchStrategy() == BatchStrategy.GLOBAL ? GLOBAL : leaderId;
        Accumulator acc = batch == null ? accumulators.get(key) : batch.accumulator;
        if (acc != null && acc.recordCount > 0 && acc.bytes + pr.sizeBound
                + (batch == null ? RecordSizes.BATCH_OVERHEAD : 0) > maxRequestSizeBytes) {
            // With this record the request would pass maxRequestSizeBytes: it leaves now, and the record starts the
            // next one (kafka-clients' Sender stops draining batches into a request at max.request.size likewise).
            send(key);
            batch = null;
            acc = null;
        }
        if (batch == null) {
            if (acc == null) {
                acc = accumulators.computeIfAbsent(key, k -> new Accumulator());
            }
            batch = acc.newBatch(route.topicPartition(partition), leaderId, expectedBatchRecords);
            acc.bytes += RecordSizes.BATCH_OVERHEAD;
            route.setOpenBatch(partition, batch);
        }
        batch.add(pr);
        acc.bytes += pr.sizeBound;
        acc.recordCount++;
        if (acc.recordCount >= config.produceBatchSize() || closing) {
            send(key);
        } else if (acc.lingerTimer == null) {
            acc.lingerTimer = timer.schedule(() -> actor.execute(() -> send(key)),
                    config.produceBufferingTime().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Parks a record until its topic's metadata lets it choose a partition. */
    private void awaitTopic(PendingRecord pr) {
        topicsAwaiting.add(pr.topic);
        awaitingMetadata.add(pr);
        scheduleMetadataRefresh();
    }

    /** Parks a record until its partition has a leader the client can reach. */
    private void awaitLeader(PendingRecord pr, TopicPartition partition) {
        partitionsAwaiting.add(partition);
        awaitingMetadata.add(pr);
        scheduleMetadataRefresh();
    }

    private void scheduleMetadataRefresh() {
        scheduleWaitingExpiry();
        if (metadataRefreshScheduled) {
            return;
        }
        metadataRefreshScheduled = true;
        long sinceLast = clock.nanoTime() - lastMetadataRequestNanos;
        long delayNanos = Math.max(0, TimeUnit.MILLISECONDS.toNanos(METADATA_RETRY_BACKOFF_MS) - sinceLast);
        timer.schedule(() -> actor.execute(this::refreshForWaiting), delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Arms the timer that expires records waiting for metadata on time: a refresh nobody answers takes up to
     * {@code clientRequestTimeoutMs}, and a record must not outlive {@code messageTtl} meanwhile.
     */
    private void scheduleWaitingExpiry() {
        if (waitingExpiryScheduled || awaitingMetadata.isEmpty()) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (PendingRecord r : awaitingMetadata) {
            oldest = Math.min(oldest, r.enteredMillis);
        }
        long delayMs = Math.max(1, oldest + ttlMillis + 1 - clock.currentTimeMillis());
        waitingExpiryScheduled = true;
        timer.schedule(() -> actor.execute(this::expireWaiting), delayMs, TimeUnit.MILLISECONDS);
    }

    private void expireWaiting() {
        waitingExpiryScheduled = false;
        long now = clock.currentTimeMillis();
        for (java.util.Iterator<PendingRecord> it = awaitingMetadata.iterator(); it.hasNext(); ) {
            PendingRecord r = it.next();
            if (now - r.enteredMillis > ttlMillis) {
                it.remove(); // the others keep their order
                if (r.lastError == null) {
                    r.lastError = "no metadata of topic '" + r.topic + "' yet: no broker has answered";
                }
                outcomes.expire(r);
            }
        }
        scheduleWaitingExpiry();
    }

    private void refreshForWaiting() {
        lastMetadataRequestNanos = clock.nanoTime();
        List<String> topics = awaitingMetadata.stream().map(r -> r.topic).distinct().toList();
        topics.forEach(metadata::refresh);
        metadata.refresh().whenComplete((m, e) -> actor.execute(() -> {
            metadataRefreshScheduled = false;
            List<TopicPartition> release = new ArrayList<>(retryAfterRefresh);
            retryAfterRefresh.clear();
            release.forEach(this::release);
            List<PendingRecord> again = new ArrayList<>(awaitingMetadata);
            awaitingMetadata.clear();
            topicsAwaiting.clear(); // routed again in order below: whichever still waits marks its topic or partition
            partitionsAwaiting.clear();
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            for (PendingRecord r : again) {
                if (cause instanceof AuthenticationException) {
                    // Credentials or trust: waiting until messageTtl would not change the answer.
                    outcomes.discard(r, DiscardReason.AUTHENTICATION_FAILED, cause.getMessage());
                    continue;
                }
                if (e != null) {
                    r.lastError = e.getMessage();
                }
                route(r);
            }
        }));
    }

    // ---------------------------------------------------------------- sending (actor)

    private void send(int accumulatorKey) {
        Accumulator acc = accumulators.remove(accumulatorKey);
        if (acc == null || acc.batches.isEmpty()) {
            return;
        }
        if (acc.lingerTimer != null) {
            acc.lingerTimer.cancel(false);
        }
        Map<Integer, List<PartitionBatch>> byLeader = new LinkedHashMap<>();
        int largest = 0;
        for (PartitionBatch b : acc.seal()) {
            largest = Math.max(largest, b.records.size());
            byLeader.computeIfAbsent(b.leaderId, k -> new ArrayList<>()).add(b);
        }
        expectedBatchRecords = largest;
        byLeader.forEach(this::sendRequest);
    }

    private void sendRequest(int leaderId, List<PartitionBatch> batches) {
        serializePending(batches);
        if (batches.isEmpty()) {
            return;
        }
        if (RequestSplitter.upperBound(batches) > maxRequestSizeBytes) {
            // Only values serialized just now, their size unknown at routing, can take a request past the limit.
            for (List<PartitionBatch> part : RequestSplitter.split(batches, maxRequestSizeBytes)) {
                sendWithinLimit(leaderId, part);
            }
            return;
        }
        sendWithinLimit(leaderId, batches);
    }

    private void sendWithinLimit(int leaderId, List<PartitionBatch> batches) {
        if (config.maxInFlightRequests() == 1) {
            // Held from here, not from the write: while a batch compresses, newer records must wait behind it too.
            for (PartitionBatch b : batches) {
                blocked.putIfAbsent(b.topicPartition, new ArrayDeque<>());
            }
        }
        if (compressor == null) {
            dispatch(leaderId, batches); // uncompressed: encoded straight into the request buffer, no copy
            return;
        }
        compressor.compress(leaderId, batches);
    }

    /** Sends a request whose batches {@link #compressor} compressed; a batch that failed to encode is discarded. */
    private void dispatchCompressed(int leaderId, List<PartitionBatch> batches) {
        List<PartitionBatch> encoded = new ArrayList<>(batches.size());
        for (PartitionBatch b : batches) {
            if (b.encodeError == null) {
                encoded.add(b);
            } else {
                b.records.forEach(pr -> outcomes.discard(pr, DiscardReason.SERIALIZATION_ERROR,
                        "encoding the record batch failed: " + b.encodeError));
                release(b.topicPartition);
            }
        }
        if (!encoded.isEmpty()) {
            dispatch(leaderId, encoded);
        }
    }

    private void dispatch(int leaderId, List<PartitionBatch> batches) {
        BrokerAddress address = metadata.current().broker(leaderId);
        if (address == null) {
            batches.forEach(b -> retry(b, "broker " + leaderId + " left the cluster"));
            return;
        }
        Map<String, List<ProduceRequest.PartitionData>> topics = new LinkedHashMap<>();
        int records = 0;
        for (PartitionBatch b : batches) {
            topics.computeIfAbsent(b.topicPartition.topic(), t -> new ArrayList<>())
                    .add(new ProduceRequest.PartitionData(b.topicPartition.partition(), (w, version) -> {
                        int start = w.position();
                        b.writeTo(w, version, config.compressionCodec());
                        int bytes = w.position() - start;
                        counters.bytesSent.add(bytes);
                        if (hooks.enabled()) {
                            hooks.batchWritten(b.topicPartition.topic(), b.topicPartition.partition(),
                                    b.records.size(), bytes);
                        }
                    }));
            records += b.records.size();
        }
        List<ProduceRequest.TopicData> topicData = new ArrayList<>(topics.size());
        topics.forEach((t, parts) -> topicData.add(new ProduceRequest.TopicData(t, parts)));
        ProduceRequest request = new ProduceRequest(config.requiredAcks().wireValue(), config.requestTimeoutMs(),
                topicData);
        counters.sent.add(records);
        counters.requests.increment();
        connections.node(leaderId, address).send(request)
                .whenComplete((response, error) -> actor.execute(() -> onResponse(batches, response, error)));
    }

    /**
     * Runs pending serializers and measures what they wrote; a record whose serializer throws, or whose bytes turn
     * out larger than {@code maxRequestSizeBytes} allows, is discarded and leaves its batch.
     */
    private void serializePending(List<PartitionBatch> batches) {
        for (java.util.Iterator<PartitionBatch> it = batches.iterator(); it.hasNext(); ) {
            PartitionBatch b = it.next();
            b.records.removeIf(pr -> {
                if (pr.objects == null) {
                    return false; // bytes from the start: measured at produce
                }
                try {
                    pr.serialize();
                } catch (RuntimeException e) {
                    outcomes.discard(pr, DiscardReason.SERIALIZATION_ERROR, e.toString());
                    return true;
                }
                return !sizeLimit.admitSerialized(pr);
            });
            if (b.records.isEmpty()) {
                release(b.topicPartition);
                it.remove();
            }
        }
    }

    private void onResponse(List<PartitionBatch> batches, ProduceResponse response, Throwable error) {
        if (error != null) {
            onRequestFailed(batches, error);
            return;
        }
        if (response == null) { // acks=0: no answer is coming; written is all we know
            batches.forEach(b -> {
                outcomes.acknowledge(b, -1L);
                release(b.topicPartition);
            });
            return;
        }
        Map<TopicPartition, ProduceResponse.PartitionResult> results = new HashMap<>();
        for (ProduceResponse.PartitionResult r : response.partitions()) {
            results.put(new TopicPartition(r.topic(), r.partition()), r);
        }
        for (PartitionBatch b : batches) {
            ProduceResponse.PartitionResult r = results.get(b.topicPartition);
            if (r == null) {
                retry(b, "no result for " + b.topicPartition + " in the Produce response");
                continue;
            }
            short code = r.errorCode();
            String name = Errors.name(code) + (r.errorMessage() == null ? "" : ": " + r.errorMessage());
            if (code == Errors.NONE) {
                outcomes.acknowledge(b, r.baseOffset());
                release(b.topicPartition);
            } else if ((code == Errors.MESSAGE_TOO_LARGE || code == Errors.RECORD_LIST_TOO_LARGE)
                    && b.records.size() > 1) {
                // The broker judges the whole batch against max.message.bytes: send the records one by one, so
                // only a record too large on its own is discarded. The connection keeps them in order.
                for (PendingRecord pr : b.records) {
                    PartitionBatch alone = new PartitionBatch(b.topicPartition, b.leaderId, 1);
                    alone.add(pr);
                    sendRequest(b.leaderId, new ArrayList<>(List.of(alone))); // a list serializePending may shrink
                }
            } else if (code == Errors.MESSAGE_TOO_LARGE || code == Errors.RECORD_LIST_TOO_LARGE) {
                b.records.forEach(pr -> outcomes.discard(pr, DiscardReason.RECORD_TOO_LARGE, name));
                release(b.topicPartition);
            } else if (code == Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND
                    && !config.retryIfNotEnoughReplicasAfterAppend()) {
                b.records.forEach(pr -> outcomes.discard(pr, DiscardReason.BROKER_ERROR, name));
                release(b.topicPartition);
            } else if (Errors.isRetriable(code)) {
                retry(b, name);
            } else {
                b.records.forEach(pr -> outcomes.discard(pr, DiscardReason.BROKER_ERROR, name));
                release(b.topicPartition);
            }
        }
    }

    private void onRequestFailed(List<PartitionBatch> batches, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        boolean mayHaveArrived = !(cause instanceof NetworkException ne) || ne.wasSent();
        for (PartitionBatch b : batches) {
            if (aborting) {
                b.records.forEach(pr -> outcomes.discard(pr, DiscardReason.CLIENT_CLOSED, message));
                release(b.topicPartition);
            } else if (cause instanceof NetworkException && (!mayHaveArrived
                    || config.errorStrategy() == ErrorStrategy.RETRY)) {
                retry(b, message);
            } else if (cause instanceof NetworkException) {
                b.records.forEach(pr -> outcomes.discard(pr, DiscardReason.NETWORK_ERROR, message));
                release(b.topicPartition);
            } else if (cause instanceof AuthenticationException) {
                b.records.forEach(pr -> outcomes.discard(pr, DiscardReason.AUTHENTICATION_FAILED, message));
                release(b.topicPartition);
            } else if (cause instanceof BatchEncodingException) { // the request never left: our side failed
                b.records.forEach(pr -> outcomes.discard(pr, DiscardReason.SERIALIZATION_ERROR, message));
                release(b.topicPartition);
            } else {
                b.records.forEach(pr -> outcomes.discard(pr, DiscardReason.BROKER_ERROR, message));
                release(b.topicPartition);
            }
        }
    }

    private void retry(PartitionBatch batch, String error) {
        counters.retries.add(batch.records.size());
        batch.records.forEach(pr -> pr.lastError = error);
        ArrayDeque<PendingRecord> held = blocked.get(batch.topicPartition);
        if (held != null) {
            // Ordered mode: the retried records go first, before what queued up behind them.
            for (int i = batch.records.size() - 1; i >= 0; i--) {
                held.addFirst(batch.records.get(i));
            }
            retryAfterRefresh.add(batch.topicPartition);
            scheduleMetadataRefresh();
            return;
        }
        // The leader may have moved: route again on fresh metadata, and newer records of the partition behind them.
        batch.records.forEach(pr -> awaitLeader(pr, batch.topicPartition));
    }

    /** Unblocks a partition after its batch's outcome and routes what waited behind it, in order. */
    private void release(TopicPartition tp) {
        if (retryAfterRefresh.contains(tp)) {
            return; // still waiting to resend: stays blocked
        }
        ArrayDeque<PendingRecord> held = blocked.remove(tp);
        if (held != null) {
            held.forEach(this::route);
        }
    }
}
