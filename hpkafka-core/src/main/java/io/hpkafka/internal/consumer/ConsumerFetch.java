package io.hpkafka.internal.consumer;

import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.consumer.OffsetReset;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.concurrent.SerialExecutor;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.internal.stats.Counters;
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

/**
 * The fetch side of one consumer: its partitions and positions, its paused topics and partitions, seeks in progress,
 * marks of processed records, and the dispatcher that hands its records to its listeners one at a time. Positions
 * live on the client's {@link FetchEngine} actor, which fetches the partitions of every consumer of the client
 * together; records are delivered on this consumer's own serial executor, which takes turns with the other consumers'
 * on a shared delivery pool, so a slow listener delays its own consumer and, on a shared pool, only for a turn the
 * others.
 * <p>
 * Thread-safe: every method may be called from any thread, listeners included.
 */
public final class ConsumerFetch {

    private static final Logger log = LoggerFactory.getLogger(ConsumerFetch.class);

    final int id;
    final String name;
    final FetchEngine engine;
    /** Where records are delivered; a task queued here runs once the record in hand has been handled. */
    final SerialExecutor delivery;
    final RecordDispatcher dispatcher;
    private final RecordPublisher publisher;
    private final EventListeners<KafkaRecord> received = new EventListeners<>("message-received");
    private final EventListeners<OffsetReset> offsetResets = new EventListeners<>("offset-reset");
    private final EventListeners<ConsumerError> errors = new EventListeners<>("consumer-error");
    /** Topics whose delivery is paused; read by the dispatcher between records. */
    final Set<String> pausedTopics = ConcurrentHashMap.newKeySet();
    /** Topics being stopped: no record of them is delivered from the call on, before the actor drops their cursors. */
    final Set<String> stoppedTopics = ConcurrentHashMap.newKeySet();
    /** Partitions whose delivery is paused (beside their topic's pause); read where not empty only. */
    final Set<TopicPartition> pausedPartitions = ConcurrentHashMap.newKeySet();
    /**
     * Partitions being moved by {@link #seek}, with the offset sought, from the call until the actor has replaced the
     * cursor: no record of them is delivered meanwhile, and one in hand does not count as processed. Read where not
     * empty only.
     */
    final Map<TopicPartition, Long> seeking = new ConcurrentHashMap<>();
    /** Highest offset marked processed per partition; what commits carry (plus one) when {@link #markedOnly}. */
    private final Map<TopicPartition, Long> marks = new ConcurrentHashMap<>();
    /**
     * Out-of-range resets per partition, counted: a commit may go below what the group stored after one (the log
     * the stored offset counted in is gone: topic deleted and created again, log truncated). See {@link #resets}.
     */
    private final Map<TopicPartition, Integer> resets = new ConcurrentHashMap<>();
    /** Whether commits carry the marks only, rather than every record the listeners returned from. */
    volatile boolean markedOnly;
    /** The thread delivering this consumer's records at the moment, or null. */
    volatile Thread deliveryThread;
    /** Touched only on the engine's actor. */
    final Map<TopicPartition, PartitionFetch> partitions = new LinkedHashMap<>();
    /**
     * Brokers this consumer has a Fetch in flight to, or an answer not yet delivered from; touched only on the actor.
     * Its cursors of such a broker wait, so that they go together in the next request once the answer is delivered.
     */
    final Set<Integer> engaged = new HashSet<>();
    volatile boolean closed;

    ConsumerFetch(int id, String name, FetchEngine engine, Executor deliveryExecutor, Counters counters) {
        this.id = id;
        this.name = name;
        this.engine = engine;
        this.delivery = SerialExecutor.takingTurns(deliveryExecutor);
        this.publisher = new RecordPublisher(delivery);
        this.dispatcher = new RecordDispatcher(this, delivery, counters, received, publisher);
    }

    /** @return the name given at creation, for logs */
    public String name() {
        return name;
    }

    /** @return the listeners of this consumer's records, called one at a time on its delivery executor */
    public EventListeners<KafkaRecord> received() {
        return received;
    }

    /**
     * @return how many times {@code tp}'s position was reset after OFFSET_OUT_OF_RANGE; a group member's committer
     *     compares counts to know when its last stored offset stopped being a floor. Thread-safe.
     */
    public int resets(TopicPartition tp) {
        return resets.getOrDefault(tp, 0);
    }

    /** Actor: the position of {@code tp} was reset to {@code offset}; marks at or beyond it counted in the old log. */
    void positionReset(TopicPartition tp, long offset) {
        marks.computeIfPresent(tp, (k, mark) -> mark >= offset ? null : mark);
        resets.merge(tp, 1, Integer::sum);
    }

    /** @return the listeners of this consumer's offset resets */
    public EventListeners<OffsetReset> offsetResets() {
        return offsetResets;
    }

    /** @return the listeners of this consumer's errors */
    public EventListeners<ConsumerError> errors() {
        return errors;
    }

    /** @return this consumer's records as a publisher that honours demand */
    public RecordPublisher publisher() {
        return publisher;
    }

    /** Starts (or restarts) consuming {@code topic}/{@code partition} at {@code start}. */
    public void consume(String topic, int partition, StartPosition start) {
        TopicPartition tp = new TopicPartition(topic, partition);
        engine.onActor(() -> engine.start(this, tp, start));
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
            engine.onActor(engine::fetchAll);
        }
    }

    /**
     * Pauses delivery of one partition, as {@link #pause(String)} does a topic: no record of it is delivered after this
     * returns (beyond one a listener may be handling), and it is not fetched until {@link #resume(String, int)}. A
     * group member's partition pause ends when the partition is given up ({@link #stopAndDrain}).
     */
    public void pause(String topic, int partition) {
        pausedPartitions.add(new TopicPartition(topic, partition));
    }

    /** Resumes one partition at its next undelivered offset (it stays paused while its topic is). */
    public void resume(String topic, int partition) {
        if (pausedPartitions.remove(new TopicPartition(topic, partition))) {
            engine.onActor(engine::fetchAll);
        }
    }

    /**
     * Moves a partition this consumer consumes to {@code offset}: no record of it from the old position is delivered
     * after this returns (beyond one a listener may be handling, which then does not count as processed), and the next
     * one delivered is at {@code offset} (or where the out-of-range strategy moves it). A partition not consumed
     * (never started, stopped, given up) is left alone.
     *
     * @param offset an offset, {@code >= 0}
     */
    public void seek(String topic, int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        seeking.put(tp, offset);
        engine.onActor(() -> engine.seek(this, tp, offset));
    }

    /**
     * Makes commits carry the marks of {@link #markProcessed} only (a group member with
     * {@code commitMarkedOnly}); set before any partition is consumed.
     */
    public void commitMarkedOnly(boolean markedOnly) {
        this.markedOnly = markedOnly;
    }

    /** @return whether commits carry the marks of {@link #markProcessed} only */
    public boolean commitMarkedOnly() {
        return markedOnly;
    }

    /**
     * Marks the record at {@code offset} of a partition, and every record before it, processed: commits carry the
     * highest mark plus one. A mark below an earlier one is ignored.
     */
    public void markProcessed(String topic, int partition, long offset) {
        marks.merge(new TopicPartition(topic, partition), offset, Math::max);
    }

    /**
     * Stops consuming a partition once {@code lastOffset} has been delivered; records after it are not delivered.
     *
     * @param lastOffset the last offset to deliver; a value below the position stops at once
     */
    public void stopConsume(String topic, int partition, long lastOffset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        engine.onActor(() -> {
            PartitionFetch state = partitions.get(tp);
            if (state != null) {
                state.stopAt = lastOffset;
                if (state.position > lastOffset) {
                    partitions.remove(tp);
                    engine.released(tp);
                }
            }
        });
    }

    /**
     * Stops consuming every partition of {@code topic}: no record of it is delivered once this returns (beyond one a
     * listener is handling); records fetched and not delivered are dropped.
     */
    public void stopConsume(String topic) {
        stoppedTopics.add(topic);
        engine.onActor(() -> {
            partitions.values().removeIf(s -> {
                boolean match = s.topicPartition.topic().equals(topic);
                if (match) {
                    s.stopAt = -1; // records already decoded are not delivered either
                    engine.released(s.topicPartition);
                }
                return match;
            });
            stoppedTopics.remove(topic); // no cursor of it is left; a later consume starts anew
        });
    }

    /** @return whether the calling thread is delivering one of this consumer's records (a listener of it) */
    public boolean isDeliveryThread() {
        return deliveryThread == Thread.currentThread();
    }

    /**
     * Stops consuming {@code stopped} (a group member giving partitions up): no record of them is delivered once the
     * future completes, which is after the record a listener may have in hand is done. Their partition pauses end;
     * their marks are forgotten once read.
     *
     * @param beforeCommit run on the delivery executor once no record of them is in hand, before the offsets are
     *     read (so that marks it makes count); what it throws is logged
     * @return a future of the offset after the last record processed (delivered to the listeners, who returned; or
     *     marked, with {@link #commitMarkedOnly}), per partition that had one since it was started
     */
    public CompletableFuture<Map<TopicPartition, Long>> stopAndDrain(Collection<TopicPartition> stopped,
                                                                     Runnable beforeCommit) {
        CompletableFuture<Map<TopicPartition, Long>> result = new CompletableFuture<>();
        engine.onActor(() -> {
            List<PartitionFetch> states = new ArrayList<>();
            for (TopicPartition tp : stopped) {
                PartitionFetch state = partitions.remove(tp);
                if (state != null) {
                    state.stopAt = -1; // the dispatcher checks this before every record
                    states.add(state);
                    engine.released(tp);
                }
            }
            pausedPartitions.removeAll(stopped); // after stopAt: the dispatcher reads the pauses first
            // Queued behind the delivery in progress: when this runs, no record of these partitions is in hand.
            delivery.execute(() -> {
                try {
                    runAsListener(beforeCommit);
                } finally {
                    Map<TopicPartition, Long> offsets = processed(stopped, states);
                    stopped.forEach(marks::remove);
                    result.complete(offsets);
                }
            });
        });
        return result;
    }

    /** Runs {@code task} as a listener of this consumer: {@link #isDeliveryThread()} holds, and a throw is logged. */
    private void runAsListener(Runnable task) {
        deliveryThread = Thread.currentThread();
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("{}: a task run before the commit of partitions given up threw; the give-up goes on", name, e);
        } finally {
            deliveryThread = null;
        }
    }

    /**
     * @return a future of the offset after the last record processed per partition of {@code consumed} that had one
     *     since it was started (records delivered to the listeners, who returned; or the highest mark plus one, with
     *     {@link #commitMarkedOnly})
     */
    public CompletableFuture<Map<TopicPartition, Long>> processedOffsets(Collection<TopicPartition> consumed) {
        CompletableFuture<Map<TopicPartition, Long>> result = new CompletableFuture<>();
        engine.onActor(() -> {
            List<PartitionFetch> states = new ArrayList<>();
            for (TopicPartition tp : consumed) {
                PartitionFetch state = partitions.get(tp);
                if (state != null) {
                    states.add(state);
                }
            }
            result.complete(processed(consumed, states));
        });
        return result;
    }

    /** @return with marked commits the highest mark plus one per partition of {@code tps}; else each cursor's */
    private Map<TopicPartition, Long> processed(Collection<TopicPartition> tps, List<PartitionFetch> states) {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (markedOnly) {
            for (TopicPartition tp : tps) {
                Long mark = marks.get(tp);
                if (mark != null) {
                    out.put(tp, mark + 1);
                }
            }
            return out;
        }
        for (PartitionFetch s : states) {
            long next = s.processed;
            if (next >= 0) {
                out.put(s.topicPartition, next);
            }
        }
        return out;
    }

    /**
     * Stops every fetch of this consumer: records not yet delivered are dropped, publisher subscribers complete, and
     * the other consumers of the client go on.
     *
     * @return a future completing once no listener of this consumer has a record in hand
     */
    public CompletableFuture<Void> close() {
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.onActor(() -> {
            engine.remove(this);
            partitions.keySet().forEach(engine::released);
            partitions.clear();
            publisher.complete();
            delivery.execute(() -> done.complete(null));
        });
        return done;
    }

    /**
     * Raises {@code error} on this consumer's error channel, on its delivery executor (never on the actor). A closed
     * consumer raises nothing: its requests failing as the connections close are no news.
     */
    void raise(ConsumerError error) {
        if (!closed && !errors.isEmpty()) {
            try {
                delivery.execute(() -> errors.fire(error));
            } catch (RuntimeException e) { // its delivery executor was shut down under it: the actor goes on
                log.warn("{}: could not report {} ({})", name, error, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "consumer " + name;
    }
}
