package io.hpkafka.internal.consumer;

import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.consumer.OffsetReset;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.config.Configuration;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.cluster.ClusterMetadata;
import io.hpkafka.internal.cluster.PartitionMetadata;
import io.hpkafka.internal.cluster.TopicMetadata;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.concurrent.SerialExecutor;
import io.hpkafka.config.OffsetOutOfRangeStrategy;
import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.network.Connection;
import io.hpkafka.internal.network.ConnectionPool;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.FetchRequest;
import io.hpkafka.internal.protocol.message.FetchResponse;
import io.hpkafka.internal.protocol.record.RecordBatchReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fetch path of every consumer of one client. Each consumer ({@link ConsumerFetch}) has its own cursor per
 * partition. A Fetch (API key 1) carries the ready cursors of every consumer that the broker leads: one request per
 * broker and round, not one per consumer (the measurement is in docs/architecture.md). A broker answers the requests
 * of one connection one at a time, so a request waiting out {@code fetchMaxWaitTimeMs} for idle partitions would hold
 * every cursor that becomes ready meanwhile: a broker has up to {@link ConnectionPool#FETCH_LANES} fetch connections
 * (lanes), one request in flight on each, and a lane is used only while the ones before it are busy. A consumer is
 * fetched from a broker again only once its previous answer from there was delivered (its cursors then go together,
 * in one request), so a single consumer uses one lane, as before there were several consumers. When several consumers read the same partition, one cursor goes in a request (the one
 * fetched least recently, so none starves) and the others in the next ones.
 * <p>
 * A cursor is fetched again only after the records of its previous answer were delivered: a slow listener holds its
 * own consumer's partitions (the back-pressure the seed describes), buffered records stay bounded by the fetch sizes,
 * and other consumers' partitions on the same broker go on being fetched.
 * <p>
 * Thread rule: cursors, consumers and in-flight flags are touched only on the actor; decoding runs on the driver
 * executor; listeners run on each consumer's delivery executor, one record at a time.
 */
public final class FetchEngine {

    private static final Logger log = LoggerFactory.getLogger(FetchEngine.class);
    /** Pause before fetching a partition again after an error, in ms: a failing broker is not hammered. */
    static final long ERROR_BACKOFF_MS = 200;
    /**
     * Measurement switch, for the benchmark that compares the two designs: one Fetch per consumer and broker instead
     * of one per broker. Not a supported setting.
     */
    static final boolean REQUEST_PER_CONSUMER = Boolean.getBoolean("hpkafka.internal.fetchRequestPerConsumer");

    private final ClientContext context;
    private final Configuration config;
    private final OffsetLookups lookups;
    private final SerialExecutor actor;
    private final AtomicInteger consumerIds = new AtomicInteger();
    private volatile boolean closed;

    // Touched only on the actor.
    private final List<ConsumerFetch> consumers = new ArrayList<>();
    /** Requests in flight, by {@link #requestKey}: at most one per broker and lane. */
    private final Set<Long> fetchInFlight = new HashSet<>();
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAtNanos;
    /** Whether a metadata refresh asked for by cursors without a known leader is in flight. */
    private boolean leaderRefreshInFlight;
    /**
     * Ids of topics deleted and created again (a cursor saw the id change), by topic name: metadata from a broker that
     * has not caught up yet may show one again, which must not reset the new cursors. Touched only on the actor.
     */
    private final Map<String, Set<java.util.UUID>> replacedTopicIds = new HashMap<>();
    /** Counts requests sent; a cursor remembers the number of the last one that carried it. */
    private long requestNumber;

    /**
     * @param context the client's shared parts
     * @param lookups the client's start-offset lookups
     */
    public FetchEngine(ClientContext context, OffsetLookups lookups) {
        this.context = context;
        this.config = context.configuration();
        this.lookups = lookups;
        this.actor = new SerialExecutor(context.executor());
    }

    /**
     * Adds a consumer.
     *
     * @param name a name for logs
     * @param deliveryExecutor where its records are delivered, one at a time (a serial view is made over it)
     * @return the new consumer's fetch side
     */
    public ConsumerFetch newConsumer(String name, Executor deliveryExecutor) {
        ConsumerFetch consumer = new ConsumerFetch(consumerIds.incrementAndGet(), name, this, deliveryExecutor,
                context.counters());
        actor.execute(() -> {
            if (closed) {
                consumer.close();
            } else {
                consumers.add(consumer);
            }
        });
        return consumer;
    }

    /** Stops every consumer; records not yet delivered are dropped and publisher subscribers complete. */
    public void close() {
        closed = true;
        actor.execute(() -> List.copyOf(consumers).forEach(ConsumerFetch::close));
    }

    /** A consumer no longer reads {@code tp}: tells the hooks (lag gauges go). */
    void released(TopicPartition tp) {
        if (context.hooks().enabled()) {
            context.hooks().partitionReleased(tp.topic(), tp.partition());
        }
    }

    void onActor(Runnable task) {
        actor.execute(task);
    }

    /** Actor: a consumer closed. */
    void remove(ConsumerFetch consumer) {
        consumers.remove(consumer);
    }

    // ---------------------------------------------------------------- positions (actor)

    /** Actor: starts (or restarts) a consumer's partition. */
    void start(ConsumerFetch owner, TopicPartition tp, StartPosition start) {
        if (owner.closed) {
            return;
        }
        PartitionFetch state = new PartitionFetch(owner, tp, start);
        PartitionFetch replaced = owner.partitions.put(tp, state);
        if (replaced != null) {
            replaced.stopAt = -1; // a restart: what the old cursor fetched is not delivered
        }
        if (start.needsLookup()) {
            resolve(state);
        } else {
            state.position = start.offset();
            fetchAll();
        }
    }

    /**
     * Actor: moves a consumer's partition to {@code offset} with a new cursor, if the consumer still consumes it (a
     * partition never started, stopped or given up is left alone), then lets the dispatcher deliver it again. The new
     * cursor's processed offset does not pass {@code offset}, so a commit never carries past a record sought back to.
     */
    void seek(ConsumerFetch owner, TopicPartition tp, long offset) {
        PartitionFetch old = owner.partitions.get(tp);
        if (old != null && !owner.closed) {
            PartitionFetch state = new PartitionFetch(owner, tp, new StartPosition(offset));
            long processed = old.processed;
            state.processed = processed >= 0 ? Math.min(processed, offset) : -1;
            state.stopAt = old.stopAt;
            state.position = offset;
            owner.partitions.put(tp, state);
            old.stopAt = -1; // what the old cursor fetched is not delivered; set before the seek's hold ends
        }
        owner.seeking.remove(tp, offset); // a later seek of the partition keeps its own hold
        if (old != null) {
            fetchAll();
        }
    }

    private void resolve(PartitionFetch state) {
        state.resolving = true;
        TopicPartition tp = state.topicPartition;
        ConsumerFetch owner = state.owner;
        lookups.lookup(tp, state.start.offset()).whenComplete((offset, error) -> actor.execute(() -> {
            if (owner.partitions.get(tp) != state) {
                return; // restarted or stopped meanwhile
            }
            state.resolving = false;
            if (error != null) {
                Throwable cause = unwrap(error);
                boolean givingUp = cause instanceof OffsetLookups.LookupRefused;
                owner.raise(new ConsumerError(ConsumerError.Kind.OFFSET_LOOKUP, tp.topic(), tp.partition(), -1,
                        String.valueOf(cause.getMessage()), !givingUp, cause));
                if (givingUp) {
                    log.warn("{}: the start offset of {} cannot be found; not consuming it: {}", owner, tp,
                            cause.getMessage());
                    owner.partitions.remove(tp);
                    released(tp);
                    return;
                }
                if (cause instanceof OffsetLookups.RetriableLookup) {
                    log.debug("{}: start offset of {} not known yet ({}); retrying", owner, tp, cause.getMessage());
                    context.metadata().refresh(tp.topic());
                } else {
                    log.warn("{}: cannot find the start offset of {}; retrying: {}", owner, tp, cause.getMessage());
                }
                context.timer().schedule(() -> actor.execute(() -> {
                    if (owner.partitions.get(tp) == state) {
                        resolve(state);
                    }
                }), ERROR_BACKOFF_MS, TimeUnit.MILLISECONDS);
                return;
            }
            state.position = offset;
            if (state.outOfRangeOffset >= 0) {
                // Nothing before the new position will be delivered by this cursor, and what was processed before
                // the reset may count in a log that is gone (a topic created again starts at 0 below it): commits
                // carry the new position from now on, even when lower.
                state.processed = offset;
                owner.positionReset(tp, offset);
                OffsetReset reset = new OffsetReset(tp.topic(), tp.partition(), state.outOfRangeOffset, offset,
                        strategy());
                try {
                    owner.delivery.execute(() -> owner.offsetResets().fire(reset));
                } catch (RuntimeException e) { // its delivery executor was shut down under it
                    log.warn("{}: could not report {} ({})", owner, reset, e.toString());
                }
            }
            fetchAll();
        }));
    }

    // ---------------------------------------------------------------- fetch rounds (actor)

    /** Actor: sends a Fetch to every broker that leads a ready cursor and has no request of ours in flight. */
    void fetchAll() {
        if (closed) {
            return;
        }
        ClusterMetadata cluster = context.metadata().current();
        long now = context.clock().nanoTime();
        long nextRetry = Long.MAX_VALUE;
        Map<Long, Round> rounds = new LinkedHashMap<>();
        Map<Integer, Long> lanes = new HashMap<>(); // the lane each broker's round of this pass goes on
        Set<String> missingLeader = null;
        for (int c = 0, nc = consumers.size(); c < nc; c++) {
            ConsumerFetch consumer = consumers.get(c);
            for (PartitionFetch state : consumer.partitions.values()) {
                if (state.busy || state.resolving || state.position < 0
                        || consumer.pausedTopics.contains(state.topicPartition.topic())
                        || (!consumer.pausedPartitions.isEmpty()
                            && consumer.pausedPartitions.contains(state.topicPartition))) {
                    continue;
                }
                if (state.retryAtNanos != 0) {
                    if (state.retryAtNanos - now > 0) {
                        nextRetry = Math.min(nextRetry, state.retryAtNanos);
                        continue;
                    }
                    state.retryAtNanos = 0;
                }
                TopicMetadata topic = cluster.topic(state.topicPartition.topic());
                PartitionMetadata p = topic == null ? null : topic.partition(state.topicPartition.partition());
                if (p == null || !p.hasLeader() || cluster.broker(p.leaderId()) == null) {
                    if (missingLeader == null) {
                        missingLeader = new HashSet<>();
                    }
                    missingLeader.add(state.topicPartition.topic());
                    // The first time, the metadata may just not be known yet (a partition consumed from a given
                    // offset may be the first use of its topic): wait for a refresh, quietly. After that, back off.
                    if (state.leaderRefreshes++ > 0) {
                        backOff(state, now, topic == null || !topic.usable()
                                ? "topic '" + state.topicPartition.topic() + "' is not known to the cluster yet"
                                : p == null ? "topic '" + topic.name() + "' has no partition "
                                + state.topicPartition.partition() + " (it has " + topic.partitions().size() + ")"
                                : "no leader known for " + state.topicPartition, null);
                        nextRetry = Math.min(nextRetry, state.retryAtNanos);
                    }
                    continue;
                }
                if (topic.topicId() != null) {
                    Set<java.util.UUID> replaced = replacedTopicIds.get(topic.name());
                    if (replaced != null && replaced.contains(topic.topicId())) {
                        // Stale metadata: fetched again after the refresh asked for below.
                        if (missingLeader == null) {
                            missingLeader = new HashSet<>();
                        }
                        missingLeader.add(topic.name());
                        if (state.leaderRefreshes++ > 0) {
                            backOff(state, now, "metadata of '" + topic.name() + "' older than its re-creation", null);
                            nextRetry = Math.min(nextRetry, state.retryAtNanos);
                        }
                        continue;
                    }
                    if (state.topicId == null) {
                        state.topicId = topic.topicId();
                    } else if (!state.topicId.equals(topic.topicId())) {
                        // Deleted and created again: the position counted in the old log. Fetching it by name
                        // would read the new log from there (skipping its start) or hit OFFSET_OUT_OF_RANGE, by
                        // chance; reset now, as out of range, so the strategy applies once whatever the timing.
                        replacedTopicIds.computeIfAbsent(topic.name(), k -> new HashSet<>()).add(state.topicId);
                        resetPosition(state, "topic '" + topic.name() + "' was deleted and created again");
                        continue;
                    }
                }
                if (consumer.engaged.contains(p.leaderId())) {
                    continue; // goes with its consumer's next request to this broker, once the answer is delivered
                }
                long key = requestKey(p.leaderId(), consumer, lanes);
                if (key != NO_LANE) {
                    rounds.computeIfAbsent(key, k -> new Round(p.leaderId(), laneOf(k))).add(state);
                }
            }
        }
        rounds.forEach(this::send);
        if (missingLeader != null && !leaderRefreshInFlight) {
            leaderRefreshInFlight = true;
            missingLeader.forEach(context.metadata()::refresh); // names the topics for the refresh below
            context.metadata().refresh().whenComplete((m, e) -> actor.execute(() -> {
                leaderRefreshInFlight = false;
                fetchAll();
            }));
        }
        if (nextRetry != Long.MAX_VALUE) {
            wakeUpAt(nextRetry, now);
        }
    }

    private static final long NO_LANE = -1;

    /**
     * @param lanes the key chosen for each broker in this pass
     * @return the key of the request a ready cursor of {@code leaderId} goes in: the broker's first free lane (one
     *     request per consumer on lane 0 with the measurement switch), or {@link #NO_LANE} when every lane is busy
     */
    private long requestKey(int leaderId, ConsumerFetch consumer, Map<Integer, Long> lanes) {
        if (REQUEST_PER_CONSUMER) {
            long key = ((long) leaderId << 32) | ((long) consumer.id << 8);
            return fetchInFlight.contains(key) ? NO_LANE : key;
        }
        Long chosen = lanes.get(leaderId);
        if (chosen != null) {
            return chosen;
        }
        long key = NO_LANE;
        for (int lane = 0; lane < ConnectionPool.FETCH_LANES; lane++) {
            long candidate = ((long) leaderId << 32) | lane;
            if (!fetchInFlight.contains(candidate)) {
                key = candidate;
                break;
            }
        }
        lanes.put(leaderId, key);
        return key;
    }

    private static int laneOf(long key) {
        return (int) (key & 0xFF);
    }

    /** Runs {@link #fetchAll()} at {@code atNanos}, unless an earlier wake-up is already set. */
    private void wakeUpAt(long atNanos, long now) {
        if (wakeUp != null && !wakeUp.isDone() && wakeUpAtNanos - atNanos <= 0) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUpAtNanos = atNanos;
        wakeUp = context.timer().schedule(() -> actor.execute(this::fetchAll), Math.max(0, atNanos - now),
                TimeUnit.NANOSECONDS);
    }

    private void backOff(PartitionFetch state, long now, String error, Throwable cause) {
        state.retryAtNanos = now + TimeUnit.MILLISECONDS.toNanos(ERROR_BACKOFF_MS);
        TopicPartition tp = state.topicPartition;
        state.owner.raise(new ConsumerError(ConsumerError.Kind.FETCH, tp.topic(), tp.partition(), state.position,
                error, true, cause));
    }

    private void send(long key, Round round) {
        BrokerAddress address = context.metadata().current().broker(round.leaderId);
        Map<String, List<FetchRequest.Partition>> byTopic = new LinkedHashMap<>();
        for (PartitionFetch s : round.cursors.values()) {
            s.busy = true;
            byTopic.computeIfAbsent(s.topicPartition.topic(), t -> new ArrayList<>())
                    .add(new FetchRequest.Partition(s.topicPartition.partition(), s.position,
                            config.fetchMessageMaxBytes()));
        }
        List<FetchRequest.Topic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((t, ps) -> topics.add(new FetchRequest.Topic(t, ps)));
        FetchRequest request = new FetchRequest(config.fetchMaxWaitTimeMs(), config.fetchMinBytes(),
                config.fetchMaxBytes(), topics);
        fetchInFlight.add(key);
        requestNumber++;
        for (PartitionFetch s : round.cursors.values()) {
            s.lastRequest = requestNumber;
            s.leaderRefreshes = 0;
            s.owner.engaged.add(round.leaderId);
        }
        context.counters().requests.increment();
        Connection connection = context.connections().fetchNode(round.leaderId, round.lane, address);
        long sentNanos = context.hooks().enabled() ? context.clock().nanoTime() : 0; // read only for hooks
        connection.send(request).whenCompleteAsync((response, error) -> {
            if (error != null) {
                actor.execute(() -> failed(key, round, unwrap(error)));
                return;
            }
            Map<ConsumerFetch, Part> parts;
            try {
                parts = decode(response, round, sentNanos);
            } finally {
                connection.releaseFrame(response.frame()); // decoding copied every record out of the frame
            }
            // The broker is free for the cursors not in this answer (other consumers', or new ones) at once.
            actor.execute(() -> {
                fetchInFlight.remove(key);
                fetchAll();
            });
            parts.forEach((consumer, part) -> dispatch(consumer, part));
        }, context.executor());
    }

    /**
     * Hands a consumer its part of an answer. A consumer closed meanwhile, or whose delivery executor refuses work
     * (shut down under it), gets nothing delivered, but its cursors are released all the same: one consumer's
     * trouble must never keep the answer from the other consumers of the request, nor leave cursors busy forever.
     */
    private void dispatch(ConsumerFetch consumer, Part part) {
        Runnable done = () -> actor.execute(() -> apply(consumer, part));
        if (!consumer.closed) {
            try {
                consumer.dispatcher.dispatch(part.outcome, part.cursors, done);
                return;
            } catch (RuntimeException e) { // RejectedExecutionException, typically
                log.warn("{}: its delivery executor refused an answer ({}); the records are fetched again", consumer,
                        e.toString());
            }
        }
        int undelivered = 0;
        for (List<KafkaRecord> records : part.outcome.records.values()) {
            undelivered += records.size();
        }
        part.outcome.records.clear();
        part.outcome.nextPositions.clear(); // not delivered: the cursors stay where they were
        context.counters().bufferedRecords.add(-undelivered);
        done.run();
    }

    /** Actor: the whole request failed (the connection broke or timed out). */
    private void failed(long key, Round round, Throwable error) {
        fetchInFlight.remove(key);
        if (closed) {
            return; // the connections closed under the request
        }
        log.debug("Fetch from node {} failed: {}", round.leaderId, error.toString());
        long now = context.clock().nanoTime();
        Set<ConsumerFetch> told = new HashSet<>();
        for (PartitionFetch s : round.cursors.values()) {
            s.busy = false;
            s.owner.engaged.remove(round.leaderId);
            s.retryAtNanos = now + TimeUnit.MILLISECONDS.toNanos(ERROR_BACKOFF_MS);
            if (told.add(s.owner)) {
                s.owner.raise(new ConsumerError(ConsumerError.Kind.FETCH, null, -1, -1,
                        "Fetch from node " + round.leaderId + " failed: " + error.getMessage(), true, error));
            }
        }
        context.metadata().refresh().exceptionally(e -> null);
        fetchAll();
    }

    /**
     * Decodes every partition of a response into one part per consumer of the round (every cursor of the round is in
     * a part, answered or not, so each is released by its consumer's dispatcher). Runs on the executor, touches no
     * actor state.
     */
    private Map<ConsumerFetch, Part> decode(FetchResponse response, Round round, long sentNanos) {
        boolean hooks = context.hooks().enabled();
        long latencyNanos = hooks ? context.clock().nanoTime() - sentNanos : 0;
        Map<ConsumerFetch, Part> parts = new IdentityHashMap<>();
        for (PartitionFetch s : round.cursors.values()) {
            parts.computeIfAbsent(s.owner, c -> new Part(round.leaderId)).cursors.add(s);
        }
        for (FetchResponse.PartitionData pd : response.partitions()) {
            TopicPartition tp = new TopicPartition(pd.topic(), pd.partition());
            PartitionFetch s = round.cursors.get(tp);
            if (s == null) {
                continue; // not asked for: ignore rather than trust
            }
            FetchOutcome outcome = parts.get(s.owner).outcome;
            if (pd.errorCode() != Errors.NONE) {
                outcome.errors.put(tp, pd.errorCode());
                continue;
            }
            try {
                List<KafkaRecord> records = new ArrayList<>();
                long next = RecordBatchReader.read(pd.records(), pd.topic(), pd.partition(), s.position, records::add);
                outcome.records.put(tp, records);
                outcome.nextPositions.put(tp, next);
                context.counters().bufferedRecords.add(records.size());
                if (hooks) { // reported by apply(), on the actor, unless the partition was released meanwhile
                    parts.get(s.owner).fetched(tp, new Fetched(records.size(),
                            pd.records() == null ? 0 : pd.records().remaining(), pd.highWatermark(), next,
                            latencyNanos));
                }
            } catch (RuntimeException e) {
                // A protocol exception, or a reader's bug on bytes it did not expect (an index out of bounds): deliver
                // nothing of this partition and fetch it again from the same offset, after a pause.
                log.warn("Malformed records for {} at offset {}; fetching again: {}", tp, s.position, e.toString());
                outcome.malformed.add(tp);
            }
        }
        return parts;
    }

    /** Actor: a consumer delivered its part of an answer; moves its cursors on. */
    private void apply(ConsumerFetch consumer, Part part) {
        consumer.engaged.remove(part.leaderId);
        long now = context.clock().nanoTime();
        FetchOutcome outcome = part.outcome;
        for (PartitionFetch state : part.cursors) {
            state.busy = false;
            TopicPartition tp = state.topicPartition;
            Fetched fetched = part.fetched == null ? null : part.fetched.get(tp);
            if (fetched != null && consumer.partitions.containsKey(tp)) { // sought meanwhile counts; released does not
                context.hooks().fetchCompleted(tp.topic(), tp.partition(), fetched.records, fetched.bytes,
                        fetched.highWatermark, fetched.nextOffset, fetched.latencyNanos);
            }
            if (consumer.partitions.get(tp) != state) {
                continue; // restarted or stopped meanwhile
            }
            Long next = outcome.nextPositions.get(tp);
            if (next != null) {
                state.position = next;
                if (next > state.stopAt) {
                    consumer.partitions.remove(tp);
                    released(tp);
                }
                continue;
            }
            if (outcome.malformed.contains(tp)) {
                backOff(state, now, "malformed records at offset " + state.position, null);
                continue;
            }
            Short code = outcome.errors.get(tp);
            if (code != null) {
                onPartitionError(state, code, now);
            }
        }
        fetchAll();
    }

    private void onPartitionError(PartitionFetch state, short code, long now) {
        TopicPartition tp = state.topicPartition;
        ConsumerFetch owner = state.owner;
        if (code == Errors.OFFSET_OUT_OF_RANGE) {
            resetPosition(state, "offset " + state.position + " of " + tp + " is out of range");
        } else if (Errors.isRetriable(code) || code == Errors.UNKNOWN_SERVER_ERROR) {
            log.debug("{}: fetch of {} failed with {}; refreshing metadata", owner, tp, Errors.name(code));
            context.metadata().refresh(tp.topic());
            backOff(state, now, Errors.name(code), null);
        } else {
            // Authorization, an unsupported codec, an invalid request: asking again cannot help.
            log.warn("{}: fetch of {} failed with {}; no longer consuming it", owner, tp, Errors.name(code));
            owner.partitions.remove(tp);
            released(tp);
            owner.raise(new ConsumerError(ConsumerError.Kind.FETCH, tp.topic(), tp.partition(), state.position,
                    Errors.name(code), false, null));
        }
    }

    /** Actor: replaces the cursor by one at the position {@code offsetOutOfRangeStrategy} gives; an event follows. */
    private void resetPosition(PartitionFetch state, String why) {
        TopicPartition tp = state.topicPartition;
        OffsetOutOfRangeStrategy strategy = strategy();
        log.warn("{}: {}; moving {} to the {} offset", state.owner, why, tp, strategy);
        PartitionFetch reset = new PartitionFetch(state.owner, tp, new StartPosition(
                strategy == OffsetOutOfRangeStrategy.EARLIEST ? StartPosition.EARLIEST : StartPosition.LATEST));
        reset.outOfRangeOffset = state.position;
        reset.stopAt = state.stopAt;
        reset.processed = state.processed; // until the new position is known, commits carry what was processed
        state.owner.partitions.put(tp, reset);
        resolve(reset);
    }

    private OffsetOutOfRangeStrategy strategy() {
        return config.offsetOutOfRangeStrategy();
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The cursors going to one broker in one request; a partition appears once. */
    private static final class Round {
        final int leaderId;
        final int lane;
        final Map<TopicPartition, PartitionFetch> cursors = new LinkedHashMap<>();

        Round(int leaderId, int lane) {
            this.leaderId = leaderId;
            this.lane = lane;
        }

        /**
         * Adds the cursor; when another consumer's cursor of the same partition is already in, the one fetched least
         * recently stays and the other waits for the next request.
         */
        void add(PartitionFetch state) {
            PartitionFetch other = cursors.putIfAbsent(state.topicPartition, state);
            if (other != null && state.lastRequest < other.lastRequest) {
                cursors.put(state.topicPartition, state);
            }
        }
    }

    /** One consumer's share of an answer. */
    private static final class Part {
        final int leaderId;
        final FetchOutcome outcome = new FetchOutcome();
        final List<PartitionFetch> cursors = new ArrayList<>();
        /** What each partition brought, for the client's hooks; null without hooks. */
        Map<TopicPartition, Fetched> fetched;

        Part(int leaderId) {
            this.leaderId = leaderId;
        }

        void fetched(TopicPartition tp, Fetched numbers) {
            if (fetched == null) {
                fetched = new HashMap<>();
            }
            fetched.put(tp, numbers);
        }
    }

    /** One partition's numbers in a Fetch response, as {@link io.hpkafka.stats.ClientHooks#onFetchCompleted} takes them. */
    private record Fetched(int records, int bytes, long highWatermark, long nextOffset, long latencyNanos) {
    }
}
