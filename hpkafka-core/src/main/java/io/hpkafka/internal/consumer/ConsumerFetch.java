package io.hpkafka.internal.consumer;

import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.consumer.OffsetReset;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.concurrent.SerialExecutor;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.internal.stats.Counters;

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
 * The fetch side of one consumer: its partitions and positions, its paused topics, and the dispatcher that hands its
 * records to its listeners one at a time. Positions live on the client's {@link FetchEngine} actor, which fetches the
 * partitions of every consumer of the client together; records are delivered on this consumer's own serial executor,
 * which takes turns with the other consumers' on a shared delivery pool, so a slow listener delays its own consumer
 * and, on a shared pool, only for a turn the others.
 * <p>
 * Thread-safe: every method may be called from any thread, listeners included.
 */
public final class ConsumerFetch {

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
     * future completes, which is after the record a listener may have in hand is done.
     *
     * @return a future of the offset after the last record processed (delivered to the listeners, who returned), per
     *     partition that had one since it was started
     */
    public CompletableFuture<Map<TopicPartition, Long>> stopAndDrain(Collection<TopicPartition> stopped) {
        CompletableFuture<Map<TopicPartition, Long>> result = new CompletableFuture<>();
        engine.onActor(() -> {
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
        engine.onActor(() -> {
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
            delivery.execute(() -> errors.fire(error));
        }
    }

    @Override
    public String toString() {
        return "consumer " + name;
    }
}
