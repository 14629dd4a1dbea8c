package io.hpkafka.consumer;

import io.hpkafka.Configuration;
import io.hpkafka.KafkaClientException;
import io.hpkafka.cluster.MetadataManager;
import io.hpkafka.cluster.PartitionMetadata;
import io.hpkafka.cluster.TopicMetadata;
import io.hpkafka.cluster.TopicPartition;
import io.hpkafka.config.OffsetOutOfRangeStrategy;
import io.hpkafka.concurrent.SerialExecutor;
import io.hpkafka.event.EventListeners;
import io.hpkafka.network.BrokerAddress;
import io.hpkafka.network.BrokerConnection;
import io.hpkafka.network.ConnectionPool;
import io.hpkafka.protocol.Errors;
import io.hpkafka.protocol.ProtocolException;
import io.hpkafka.protocol.message.FetchRequest;
import io.hpkafka.protocol.message.FetchResponse;
import io.hpkafka.protocol.message.ListOffsetsRequest;
import io.hpkafka.protocol.message.ListOffsetsResponse;
import io.hpkafka.protocol.record.RecordBatchReader;
import io.hpkafka.stats.Counters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fetch path of the simple consumer: per partition a position, per broker at most one Fetch in flight carrying
 * every partition that broker leads. Records are delivered through the message-received event one at a time, and a
 * broker is fetched again only after the records of its previous response were delivered: a slow handler holds the
 * consumer (the back-pressure the seed describes), so buffered records stay bounded by the fetch sizes.
 * <p>
 * Thread rule: positions and in-flight flags are touched only on the actor; decoding runs on the driver executor;
 * listeners run on the dispatcher, one record at a time.
 */
public final class FetchEngine {

    private static final Logger log = LoggerFactory.getLogger(FetchEngine.class);
    /** Pause before fetching again after an error, in ms: a failing broker is not hammered. */
    private static final long ERROR_BACKOFF_MS = 200;

    private final Configuration config;
    private final MetadataManager metadata;
    private final ConnectionPool connections;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final OffsetLookups lookups;
    private final SerialExecutor actor;
    /** Where records are delivered; a task queued here runs once the record in hand has been handled. */
    private final SerialExecutor delivery;
    private final RecordDispatcher dispatcher;
    private final RecordPublisher publisher;
    private final Counters counters;
    private final EventListeners<KafkaRecord> received;
    private final EventListeners<OffsetReset> offsetResets;
    /** Topics whose delivery is paused; read by the dispatcher between records. */
    private final Set<String> pausedTopics = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    // Touched only on the actor.
    private final Map<TopicPartition, PartitionFetch> partitions = new LinkedHashMap<>();
    private final Set<Integer> fetchInFlight = new HashSet<>();

    public FetchEngine(Configuration config, MetadataManager metadata, ConnectionPool connections, Executor executor,
                       ScheduledExecutorService timer, Counters counters, EventListeners<KafkaRecord> received,
                       EventListeners<OffsetReset> offsetResets) {
        this.config = config;
        this.metadata = metadata;
        this.connections = connections;
        this.executor = executor;
        this.timer = timer;
        this.lookups = new OffsetLookups(config, metadata, connections, timer);
        this.actor = new SerialExecutor(executor);
        this.delivery = new SerialExecutor(executor);
        this.publisher = new RecordPublisher(delivery);
        this.counters = counters;
        this.received = received;
        this.offsetResets = offsetResets;
        this.dispatcher = new RecordDispatcher(delivery, counters, received, publisher, pausedTopics, () -> closed);
    }

    /** @return the consumed records as a publisher that honours demand */
    public RecordPublisher publisher() {
        return publisher;
    }

    /** Starts (or restarts) consuming {@code topic}/{@code partition} at {@code start}. */
    public void consume(String topic, int partition, StartPosition start) {
        TopicPartition tp = new TopicPartition(topic, partition);
        actor.execute(() -> {
            PartitionFetch state = new PartitionFetch(tp, start);
            partitions.put(tp, state);
            if (start.needsLookup()) {
                resolve(state);
            } else {
                state.position = start.offset();
                fetchAll();
            }
        });
    }

    /**
     * Pauses delivery of {@code topic}: no record of it is delivered after this returns (beyond the one a listener may
     * be handling), and its partitions are not fetched until {@link #resume}. Positions are kept exactly.
     */
    public void pause(String topic) {
        pausedTopics.add(topic);
    }

    /** Resumes {@code topic} at the next undelivered offset of each partition. */
    public void resume(String topic) {
        if (pausedTopics.remove(topic)) {
            actor.execute(this::fetchAll);
        }
    }

    /**
     * Stops consuming a partition once {@code lastOffset} has been delivered; records after it are not delivered.
     *
     * @param lastOffset the last offset to deliver; a value below the position stops at once
     */
    public void stopConsume(String topic, int partition, long lastOffset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        actor.execute(() -> {
            PartitionFetch state = partitions.get(tp);
            if (state != null) {
                state.stopAt = lastOffset;
                if (state.position > lastOffset) {
                    partitions.remove(tp);
                }
            }
        });
    }

    /** Stops consuming every partition of {@code topic} at once. */
    public void stopConsume(String topic) {
        actor.execute(() -> partitions.values().removeIf(s -> {
            boolean match = s.topicPartition.topic().equals(topic);
            if (match) {
                s.stopAt = -1; // records already decoded are not delivered either
            }
            return match;
        }));
    }

    /**
     * Stops consuming {@code stopped} (a group member giving partitions up): no record of them is delivered once the
     * future completes, which is after the record a listener may have in hand is done.
     *
     * @return a future of the offset after the last record processed (delivered to the listeners, who returned), per
     *     partition that had one since it was started
     */
    public CompletableFuture<Map<TopicPartition, Long>> stopAndDrain(Collection<TopicPartition> stopped) {
        CompletableFuture<Map<TopicPartition, Long>> result = new CompletableFuture<>();
        actor.execute(() -> {
            List<PartitionFetch> states = new ArrayList<>();
            for (TopicPartition tp : stopped) {
                PartitionFetch state = partitions.remove(tp);
                if (state != null) {
                    state.stopAt = -1; // the dispatcher checks this before every record
                    states.add(state);
                }
            }
            // Queued behind the delivery in progress: when this runs, no record of these partitions is in hand.
            delivery.execute(() -> result.complete(processed(states)));
        });
        return result;
    }

    /**
     * @return a future of the offset after the last record processed per partition of {@code consumed} that had one
     *     since it was started (records delivered to the listeners, who returned)
     */
    public CompletableFuture<Map<TopicPartition, Long>> processedOffsets(Collection<TopicPartition> consumed) {
        CompletableFuture<Map<TopicPartition, Long>> result = new CompletableFuture<>();
        actor.execute(() -> {
            List<PartitionFetch> states = new ArrayList<>();
            for (TopicPartition tp : consumed) {
                PartitionFetch state = partitions.get(tp);
                if (state != null) {
                    states.add(state);
                }
            }
            result.complete(processed(states));
        });
        return result;
    }

    private static Map<TopicPartition, Long> processed(List<PartitionFetch> states) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (PartitionFetch s : states) {
            long next = s.processed;
            if (next >= 0) {
                out.put(s.topicPartition, next);
            }
        }
        return out;
    }

    /** Stops every fetch; records not yet delivered are dropped and publisher subscribers complete. */
    public void close() {
        closed = true;
        actor.execute(partitions::clear);
        publisher.complete();
    }

    /**
     * Looks up an offset with ListOffsets (API key 2) on the partition's leader, retrying retriable errors within
     * {@code clientRequestTimeoutMs}.
     *
     * @param timestamp {@link StartPosition#EARLIEST}, {@link StartPosition#LATEST}, or ms since the epoch
     * @return a future of the offset; fails with {@link KafkaClientException}
     */
    public CompletableFuture<Long> listOffset(String topic, int partition, long timestamp) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.clientRequestTimeoutMs());
        listOffset(topic, partition, timestamp, deadline, result);
        return result;
    }

    private void listOffset(String topic, int partition, long timestamp, long deadline,
                            CompletableFuture<Long> result) {
        metadata.topic(topic).thenCompose(t -> {
            PartitionMetadata p = t.partition(partition);
            if (p == null) {
                throw new KafkaClientException("topic '" + topic + "' has no partition " + partition);
            }
            BrokerAddress leader = p.hasLeader() ? metadata.current().broker(p.leaderId()) : null;
            if (leader == null) {
                throw new RetriableLookupException("LEADER_NOT_AVAILABLE");
            }
            return connections.node(p.leaderId(), leader).send(new ListOffsetsRequest(topic, partition, timestamp));
        }).whenComplete((response, error) -> {
            Throwable cause = unwrap(error);
            if (cause == null) {
                ListOffsetsResponse.PartitionOffset po = response.partitions().isEmpty() ? null
                        : response.partitions().get(0);
                if (po != null && po.errorCode() == Errors.NONE) {
                    result.complete(po.offset());
                    return;
                }
                short code = po == null ? Errors.UNKNOWN_TOPIC_OR_PARTITION : po.errorCode();
                if (!Errors.isRetriable(code)) {
                    result.completeExceptionally(new KafkaClientException("ListOffsets for " + topic + "-"
                            + partition + " failed: " + Errors.name(code)));
                    return;
                }
                cause = new RetriableLookupException(Errors.name(code));
            }
            if (cause instanceof KafkaClientException || System.nanoTime() >= deadline) {
                result.completeExceptionally(cause instanceof KafkaClientException ? cause
                        : new KafkaClientException("ListOffsets for " + topic + "-" + partition + " did not succeed"
                        + " within clientRequestTimeoutMs=" + config.clientRequestTimeoutMs() + " ms: "
                        + cause.getMessage(), cause));
                return;
            }
            metadata.refresh(topic);
            timer.schedule(() -> listOffset(topic, partition, timestamp, deadline, result), ERROR_BACKOFF_MS,
                    TimeUnit.MILLISECONDS);
        });
    }

    // ---------------------------------------------------------------- actor

    private void resolve(PartitionFetch state) {
        state.resolving = true;
        TopicPartition tp = state.topicPartition;
        lookups.lookup(tp, state.start.offset()).whenComplete((offset, error) ->
                actor.execute(() -> {
                    if (partitions.get(tp) != state) {
                        return; // restarted or stopped meanwhile
                    }
                    state.resolving = false;
                    if (error != null) {
                        Throwable cause = unwrap(error);
                        if (cause instanceof OffsetLookups.RetriableLookup) {
                            log.debug("Start offset of {} not known yet ({}); retrying", tp, cause.getMessage());
                            metadata.refresh(tp.topic());
                        } else {
                            log.warn("Cannot find the start offset of {}; retrying: {}", tp, cause.getMessage());
                        }
                        timer.schedule(() -> actor.execute(() -> {
                            if (partitions.get(tp) == state) {
                                resolve(state);
                            }
                        }), ERROR_BACKOFF_MS, TimeUnit.MILLISECONDS);
                        return;
                    }
                    state.position = offset;
                    if (state.outOfRangeOffset >= 0) {
                        offsetResets.fire(new OffsetReset(tp.topic(), tp.partition(), state.outOfRangeOffset,
                                offset, strategy()));
                    }
                    fetchAll();
                }));
    }

    /** Sends a Fetch to every broker that leads a ready partition and has none in flight. */
    private void fetchAll() {
        if (closed) {
            return;
        }
        Map<Integer, List<PartitionFetch>> byLeader = new HashMap<>();
        Set<String> missingLeader = new HashSet<>();
        for (PartitionFetch state : partitions.values()) {
            if (state.resolving || state.position < 0
                    || pausedTopics.contains(state.topicPartition.topic())) {
                continue;
            }
            TopicMetadata topic = metadata.current().topic(state.topicPartition.topic());
            PartitionMetadata p = topic == null ? null : topic.partition(state.topicPartition.partition());
            if (p == null || !p.hasLeader() || metadata.current().broker(p.leaderId()) == null) {
                missingLeader.add(state.topicPartition.topic());
                continue;
            }
            if (!fetchInFlight.contains(p.leaderId())) {
                byLeader.computeIfAbsent(p.leaderId(), k -> new ArrayList<>()).add(state);
            }
        }
        byLeader.forEach(this::fetch);
        if (!missingLeader.isEmpty()) {
            // Name the topics: a partition consumed from a given offset may be the first use of its topic.
            missingLeader.forEach(metadata::refresh);
            metadata.refresh().whenComplete((m, e) -> retryLater());
        }
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        timer.schedule(() -> actor.execute(this::fetchAll), ERROR_BACKOFF_MS, TimeUnit.MILLISECONDS);
    }

    private void fetch(int leaderId, List<PartitionFetch> states) {
        BrokerAddress address = metadata.current().broker(leaderId);
        Map<String, List<FetchRequest.Partition>> byTopic = new LinkedHashMap<>();
        Map<TopicPartition, Long> requested = new HashMap<>();
        for (PartitionFetch s : states) {
            TopicPartition tp = s.topicPartition;
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                    .add(new FetchRequest.Partition(tp.partition(), s.position, config.fetchMessageMaxBytes()));
            requested.put(tp, s.position);
        }
        List<FetchRequest.Topic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((t, ps) -> topics.add(new FetchRequest.Topic(t, ps)));
        FetchRequest request = new FetchRequest(config.fetchMaxWaitTimeMs(), config.fetchMinBytes(),
                config.fetchMaxBytes(), topics);
        fetchInFlight.add(leaderId);
        counters.requests.increment();
        BrokerConnection connection = connections.fetchNode(leaderId, address);
        connection.send(request).whenCompleteAsync((response, error) -> {
            if (error != null) {
                log.debug("Fetch from node {} failed: {}", leaderId, unwrap(error).toString());
                actor.execute(() -> {
                    fetchInFlight.remove(leaderId);
                    metadata.refresh();
                    retryLater();
                });
                return;
            }
            FetchOutcome outcome;
            try {
                outcome = decode(response, requested);
            } finally {
                connection.releaseFrame(response.frame()); // decoding copied every record out of the frame
            }
            dispatcher.dispatch(outcome, states, () -> actor.execute(() -> apply(leaderId, requested, outcome)));
        }, executor);
    }

    /** Decodes every partition of a response; runs on the executor, touches no actor state. */
    private FetchOutcome decode(FetchResponse response, Map<TopicPartition, Long> requested) {
        FetchOutcome outcome = new FetchOutcome();
        for (FetchResponse.PartitionData pd : response.partitions()) {
            TopicPartition tp = new TopicPartition(pd.topic(), pd.partition());
            Long from = requested.get(tp);
            if (from == null) {
                continue; // not asked for: ignore rather than trust
            }
            if (pd.errorCode() != Errors.NONE) {
                outcome.errors.put(tp, pd.errorCode());
                continue;
            }
            try {
                List<KafkaRecord> records = new ArrayList<>();
                long next = RecordBatchReader.read(pd.records(), pd.topic(), pd.partition(), from, records::add);
                outcome.records.put(tp, records);
                outcome.nextPositions.put(tp, next);
                counters.bufferedRecords.add(records.size());
            } catch (ProtocolException e) {
                // Deliver nothing of this partition and fetch it again from the same offset.
                log.warn("Malformed records for {} at offset {}; fetching again: {}", tp, from, e.getMessage());
                outcome.malformed = true;
            }
        }
        return outcome;
    }

    private void apply(int leaderId, Map<TopicPartition, Long> requested, FetchOutcome outcome) {
        fetchInFlight.remove(leaderId);
        outcome.nextPositions.forEach((tp, next) -> {
            PartitionFetch state = partitions.get(tp);
            // Only move a position the response was for: a restart in between set a new one.
            if (state != null && state.position == requested.get(tp)) {
                state.position = next;
                if (next > state.stopAt) {
                    partitions.remove(tp);
                }
            }
        });
        boolean backoff = outcome.malformed;
        for (Map.Entry<TopicPartition, Short> e : outcome.errors.entrySet()) {
            PartitionFetch state = partitions.get(e.getKey());
            if (state == null) {
                continue;
            }
            short code = e.getValue();
            if (code == Errors.OFFSET_OUT_OF_RANGE) {
                if (state.position != requested.get(state.topicPartition)) {
                    continue; // restarted meanwhile: the error was for the old position
                }
                OffsetOutOfRangeStrategy strategy = strategy();
                log.warn("Offset {} of {} is out of range; moving to the {} offset", state.position,
                        state.topicPartition, strategy);
                PartitionFetch reset = new PartitionFetch(state.topicPartition, new StartPosition(
                        strategy == OffsetOutOfRangeStrategy.EARLIEST ? StartPosition.EARLIEST : StartPosition.LATEST));
                reset.outOfRangeOffset = state.position;
                reset.stopAt = state.stopAt;
                partitions.put(state.topicPartition, reset);
                resolve(reset);
            } else {
                log.debug("Fetch of {} failed with {}; refreshing metadata", state.topicPartition, Errors.name(code));
                metadata.refresh(state.topicPartition.topic());
                backoff = true;
            }
        }
        if (backoff) {
            retryLater();
        } else {
            fetchAll();
        }
    }

    private OffsetOutOfRangeStrategy strategy() {
        return config.offsetOutOfRangeStrategy();
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A lookup failed for a reason that may pass (no leader yet). */
    private static final class RetriableLookupException extends RuntimeException {
        RetriableLookupException(String message) {
            super(message, null, false, false);
        }
    }
}
