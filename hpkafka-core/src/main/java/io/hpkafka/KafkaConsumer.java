package io.hpkafka;

import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.event.Registration;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.internal.consumer.ConsumerFetch;
import io.hpkafka.record.ConsumerRecord;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.consumer.OffsetReset;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.group.CommitFailed;
import io.hpkafka.internal.group.GroupListeners;
import io.hpkafka.internal.group.GroupMember;
import io.hpkafka.group.OffsetsCommitted;
import io.hpkafka.group.PartitionsAssigned;
import io.hpkafka.group.PartitionsRevoked;
import io.hpkafka.group.PartitionsRevoking;
import io.hpkafka.serialization.DeserializationError;
import io.hpkafka.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One consumer of a {@link ClusterClient}, made by {@link ClusterClient#newConsumer}: either simple (partitions given
 * with {@link #consume}, explicit positions) or a member of one consumer group ({@link #subscribe}), with its own
 * positions, listeners, pause/resume and seek, commits and close. A client holds any number of consumers; they share
 * its socket thread, timer, connections and metadata, so a consumer adds no thread, and no connection but its group's
 * coordinator connection. Two consumers of one client may read the same partition at different positions.
 * <p>
 * Records reach the listeners one at a time, in offset order per partition, on this consumer's delivery executor
 * ({@link io.hpkafka.config.ConsumerOptions#deliveryExecutor()}): until a listener returns, no further record of this
 * consumer is delivered, and its partitions are not fetched again (back-pressure). Consumers that share a delivery
 * pool take turns on its threads (every 256 records); a consumer whose listener blocks for long should have an
 * executor of its own ({@link io.hpkafka.config.ConsumerOptions}), or it holds a thread the others wait for. Raw
 * records go to {@link #onRecordReceived} listeners as they are; {@link #onMessageReceived} listeners get them
 * deserialized with the default deserializers or those set per topic. A deserializer that throws does not stop consumption: the record is
 * reported through {@link #onDeserializationError} and {@link #onError}, and the next record follows.
 * <p>
 * Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KafkaConsumer<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumer.class);

    private final ClusterClient client;
    private final ClientContext context;
    private final ConsumerFetch fetch;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final Map<String, Deserializer<K>> topicKeyDeserializers = new ConcurrentHashMap<>();
    private final Map<String, Deserializer<V>> topicValueDeserializers = new ConcurrentHashMap<>();
    private final EventListeners<ConsumerRecord<K, V>> records = new EventListeners<>("typed message-received");
    private final EventListeners<DeserializationError> deserializationErrors =
            new EventListeners<>("deserialization-error");
    private final GroupListeners groupListeners;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

    // Guarded by this.
    private GroupMember group;
    private boolean assignedManually;

    KafkaConsumer(ClusterClient client, ClientContext context, ConsumerFetch fetch, Deserializer<K> keyDeserializer,
                  Deserializer<V> valueDeserializer) {
        this.client = client;
        this.context = context;
        this.fetch = fetch;
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
        this.groupListeners = GroupListeners.create(fetch.errors());
        fetch.received().add(this::deserialize);
    }

    /** @return the consumer's name in logs */
    public String name() {
        return fetch.name();
    }

    /** @return the client this consumer belongs to */
    public ClusterClient client() {
        return client;
    }

    /** Uses {@code keys} and {@code values} for {@code topic} instead of the defaults. */
    public KafkaConsumer<K, V> deserializers(String topic, Deserializer<K> keys, Deserializer<V> values) {
        topicKeyDeserializers.put(topic, Objects.requireNonNull(keys, "keys"));
        topicValueDeserializers.put(topic, Objects.requireNonNull(values, "values"));
        return this;
    }

    // ---------------------------------------------------------------- events

    /** Listens to deserialized records, delivered one at a time. */
    public Registration onMessageReceived(Consumer<ConsumerRecord<K, V>> listener) {
        return records.add(listener);
    }

    /**
     * Listens to raw records (bytes as fetched, no deserialization and nothing allocated beyond the record itself), one
     * at a time. A listener that throws is reported on {@link #onError} (kind LISTENER); the next record follows.
     */
    public Registration onRecordReceived(Consumer<KafkaRecord> listener) {
        return fetch.received().add(listener);
    }

    /**
     * Raw records as a {@link Flow.Publisher} (Reactor and RxJava adapt it). Demand is honoured: while a subscriber has
     * requested nothing more, no record of this consumer is delivered to anyone and its partitions are not fetched.
     * Subscribers complete when the consumer closes.
     */
    public Flow.Publisher<KafkaRecord> messages() {
        return fetch.publisher();
    }

    /** Listens to records whose key or value could not be deserialized. */
    public Registration onDeserializationError(Consumer<DeserializationError> listener) {
        return deserializationErrors.add(listener);
    }

    /**
     * Listens to this consumer's errors: fetch and start-offset errors it retries or gives up on, deserialization
     * failures, and group errors; see {@link ConsumerError}.
     */
    public Registration onError(Consumer<ConsumerError> listener) {
        return fetch.errors().add(listener);
    }

    /** Listens to partitions whose position was out of range and moved per {@code offsetOutOfRangeStrategy}. */
    public Registration onOffsetReset(Consumer<OffsetReset> listener) {
        return fetch.offsetResets().add(listener);
    }

    /** Listens to partitions given to this member by the group, raised before any record of them is delivered. */
    public Registration onPartitionsAssigned(Consumer<PartitionsAssigned> listener) {
        return groupListeners.assigned().add(listener);
    }

    /**
     * Listens to partitions this member is about to give up (a rebalance; an expired membership, with {@code lost};
     * close), raised before the offsets committed for them are read. It runs on this consumer's delivery executor, as
     * record listeners do: no record is in hand meanwhile, and no further record of the partitions is delivered. A
     * listener may finish records it buffered and, with {@link ConsumerGroupConfiguration#commitMarkedOnly()},
     * {@linkplain #markProcessed mark} them: the commit that follows carries the marks (none is made when
     * {@code lost}). The give-up waits for the listeners, so keep them within the rebalance timeout; one that throws
     * is logged and the give-up goes on. {@link #onPartitionsRevoked} follows once the commit is done.
     */
    public Registration onPartitionsRevoking(Consumer<PartitionsRevoking> listener) {
        return groupListeners.revoking().add(listener);
    }

    /** Listens to partitions this member gave up; no record of them is delivered after the event. */
    public Registration onPartitionsRevoked(Consumer<PartitionsRevoked> listener) {
        return groupListeners.revoked().add(listener);
    }

    /** Listens to offsets the group coordinator stored for this member. */
    public Registration onOffsetsCommitted(Consumer<OffsetsCommitted> listener) {
        return groupListeners.committed().add(listener);
    }

    /** Listens to commits that failed (automatic, manual, or before a rebalance). */
    public Registration onCommitFailed(Consumer<CommitFailed> listener) {
        return groupListeners.commitFailed().add(listener);
    }

    // ---------------------------------------------------------------- simple consumption

    /** Consumes {@code topic}/{@code partition} from its log start offset. */
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
     * Consumes {@code topic}/{@code partition} from {@code offset}; restarts it if already consumed (records fetched
     * for the old position and not yet delivered are dropped).
     *
     * @param offset an offset, or {@link StartPosition#EARLIEST} / {@link StartPosition#LATEST}
     * @throws IllegalArgumentException if the partition is negative, or the offset below -2
     * @throws IllegalStateException if this consumer is a group member (the group assigns its partitions), or closed
     */
    public void consume(String topic, int partition, long offset) {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        if (offset < StartPosition.EARLIEST) {
            throw new IllegalArgumentException("offset must be >= 0, or StartPosition.EARLIEST (-2) or LATEST (-1), got "
                    + offset);
        }
        synchronized (this) {
            checkOpen();
            if (group != null) {
                throw new IllegalStateException(name() + " is a member of group '" + group.groupId()
                        + "', which assigns its partitions; use another consumer for partitions of your choice");
            }
            assignedManually = true;
        }
        fetch.consume(topic, partition, new StartPosition(offset));
    }

    /**
     * Pauses every consumed partition of {@code topic}: no record of it is delivered once this returns (a listener
     * already handling one finishes it), and fetching it stops. {@link #resume} continues at exactly the next
     * undelivered offset. Other consumers of the client are not affected.
     */
    public void pause(String topic) {
        fetch.pause(Objects.requireNonNull(topic, "topic"));
    }

    /** Resumes a paused topic at the next undelivered offset of each partition. */
    public void resume(String topic) {
        fetch.resume(Objects.requireNonNull(topic, "topic"));
    }

    /**
     * Pauses one partition: no record of it is delivered once this returns (a listener already handling one finishes
     * it), and fetching it stops; the other partitions go on. {@link #resume(String, int)} continues at exactly the
     * next undelivered offset. A group member's partition pause ends when the partition is revoked or lost (as in the
     * Java client), so a partition assigned again starts unpaused; a topic pause ({@link #pause(String)}) outlasts
     * rebalances. Callable from any thread, listeners included.
     *
     * @throws IllegalArgumentException if the partition is negative
     */
    public void pause(String topic, int partition) {
        fetch.pause(Objects.requireNonNull(topic, "topic"), checkPartition(partition));
    }

    /**
     * Resumes a partition paused with {@link #pause(String, int)} at its next undelivered offset (or where a
     * {@link #seek} moved it). A partition whose topic is paused stays paused until the topic is resumed too.
     *
     * @throws IllegalArgumentException if the partition is negative
     */
    public void resume(String topic, int partition) {
        fetch.resume(Objects.requireNonNull(topic, "topic"), checkPartition(partition));
    }

    /**
     * Moves a partition this consumer consumes (given with {@link #consume} or assigned by its group) to
     * {@code offset}. Once this returns, no further record of the partition from the old position is delivered (a
     * listener already handling one finishes it; records fetched and not delivered are dropped), and the next record
     * of it delivered is the one at {@code offset}, or where {@code offsetOutOfRangeStrategy} moves an offset out of
     * range. A paused partition stays paused, at its new position.
     * <p>
     * Called from a listener with the offset of its record in hand, that record is delivered again and does not count
     * as processed. As a group member, what is committed for the partition does not go past {@code offset} until
     * records from there are processed (a commit never lowers the group's committed offset, though). To retry a
     * failed record while the other partitions go on: {@code pause(topic, partition)}, {@code seek(topic, partition,
     * offset)}, and later {@code resume(topic, partition)}.
     * <p>
     * A partition this consumer does not consume (never started, stopped, revoked, or the consumer closed) is left
     * alone: the call has no effect and does not start consuming it. Partitions assigned by the group start once the
     * {@link #onPartitionsAssigned} listeners have returned, so a seek inside one of them has no effect. Callable from
     * any thread, listeners included.
     *
     * @param offset the offset of the next record to deliver, {@code >= 0}
     * @throws IllegalArgumentException if the partition or the offset is negative
     */
    public void seek(String topic, int partition, long offset) {
        Objects.requireNonNull(topic, "topic");
        checkPartition(partition);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        fetch.seek(topic, partition, offset);
    }

    private static int checkPartition(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        return partition;
    }

    /**
     * Stops consuming every partition of {@code topic}: no record of it is delivered once this returns (beyond one a
     * listener is handling); records fetched and not delivered are dropped.
     *
     * @throws IllegalStateException if this consumer is a group member (the group decides what it consumes)
     */
    public void stopConsume(String topic) {
        Objects.requireNonNull(topic, "topic");
        checkSimple("stopConsume");
        fetch.stopConsume(topic);
    }

    /**
     * Stops consuming {@code topic}/{@code partition} once {@code lastOffset} is delivered.
     *
     * @param lastOffset the last offset to deliver; one below the current position stops at once
     * @throws IllegalStateException if this consumer is a group member (the group decides what it consumes)
     */
    public void stopConsume(String topic, int partition, long lastOffset) {
        Objects.requireNonNull(topic, "topic");
        checkSimple("stopConsume");
        fetch.stopConsume(topic, partition, lastOffset);
    }

    private synchronized void checkSimple(String what) {
        if (group != null) {
            throw new IllegalStateException(what + ": " + name() + " is a member of group '" + group.groupId()
                    + "', which decides what it consumes; pause and resume a topic instead");
        }
    }

    // ---------------------------------------------------------------- consumer group

    /**
     * Consumes {@code topics} as a member of consumer group {@code groupId} (classic protocol, type {@code consumer},
     * shared with Java-client members): the group assigns partitions, each starts at the group's committed offset
     * (or {@link ConsumerGroupConfiguration#defaultOffset()}), and processed records are committed every
     * {@code autoCommitEveryMs}, by {@link #commit()}, before partitions are given up, and on close. One group per
     * consumer; other consumers of the client may belong to other groups, or to the same one.
     *
     * @throws IllegalArgumentException if the group id is blank or no topic is named
     * @throws IllegalStateException if this consumer already subscribed, was given partitions with {@link #consume},
     *     or is closed
     */
    public void subscribe(String groupId, List<String> topics, ConsumerGroupConfiguration groupConfiguration) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(groupConfiguration, "groupConfiguration");
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank");
        }
        if (topics == null || topics.isEmpty() || topics.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("topics must name at least one topic, got " + topics);
        }
        GroupMember member;
        synchronized (this) {
            checkOpen();
            if (group != null) {
                throw new IllegalStateException(name() + " already subscribed to group '" + group.groupId() + "'");
            }
            if (assignedManually) {
                throw new IllegalStateException(name() + " consumes partitions given with consume(); a group member"
                        + " must be a consumer of its own (client.newConsumer())");
            }
            member = new GroupMember(context, groupId, topics, groupConfiguration, fetch, groupListeners);
            group = member;
        }
        member.start();
    }

    /** @return the group id this consumer subscribed with, or null for a simple consumer */
    public synchronized String groupId() {
        return group == null ? null : group.groupId();
    }

    /**
     * Commits the offsets of the records processed so far (delivered to the listeners, who returned; or marked, with
     * {@link ConsumerGroupConfiguration#commitMarkedOnly()}) in the partitions this member owns, and waits up to
     * {@code clientRequestTimeoutMs}. Called from a listener, the record in hand is not included (unless marked), and
     * the wait holds a thread: with a single-thread executor use {@link #commitAsync()} there instead.
     *
     * @throws IllegalStateException if this consumer has not subscribed to a group
     * @throws KafkaClientException if the commit fails or times out (a commit-failed event is raised too)
     */
    public void commit() {
        int timeoutMs = context.configuration().clientRequestTimeoutMs();
        try {
            commitAsync().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaClientException k ? k
                    : new KafkaClientException("commit failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaClientException("commit did not complete within clientRequestTimeoutMs=" + timeoutMs
                    + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClientException("interrupted while committing", e);
        }
    }

    /**
     * Marks the record at {@code offset} of {@code topic}/{@code partition}, and every record before it in the
     * partition, processed. With {@link ConsumerGroupConfiguration#commitMarkedOnly()} every commit (automatic,
     * {@link #commit()}, before partitions are given up, on close) carries per partition the highest offset marked plus
     * one, and a partition never marked is not committed. Marks only go up: one below an earlier mark is ignored. A
     * mark made before a {@link #commitAsync()} call on the same thread is in that commit; one made in an
     * {@link #onPartitionsRevoking} listener is in the commit of the partitions given up, after which their marks are
     * forgotten. Thread-safe, callable from any thread, listeners included; allocates one small key.
     *
     * @param offset the offset of the last record processed, {@code >= 0}
     * @throws IllegalArgumentException if the partition or the offset is negative
     * @throws IllegalStateException if this consumer is not a group member subscribed with
     *     {@code commitMarkedOnly(true)}
     */
    public void markProcessed(String topic, int partition, long offset) {
        Objects.requireNonNull(topic, "topic");
        checkPartition(partition);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (!fetch.commitMarkedOnly()) {
            String group = groupId();
            throw new IllegalStateException(group == null
                    ? "markProcessed needs a consumer group: subscribe with commitMarkedOnly(true) first"
                    : name() + " subscribed to group '" + group + "' without commitMarkedOnly(true): its commits carry"
                    + " every record the listeners returned from, not marks");
        }
        fetch.markProcessed(topic, partition, offset);
    }

    /**
     * Commits like {@link #commit()} without waiting.
     *
     * @return a future completing on a driver thread once stored, or exceptionally with {@link KafkaClientException}
     * @throws IllegalStateException if this consumer has not subscribed to a group
     */
    public CompletableFuture<Void> commitAsync() {
        GroupMember member;
        synchronized (this) {
            member = group;
        }
        if (member == null) {
            throw new IllegalStateException("commit needs a consumer group: call subscribe first");
        }
        return member.commit();
    }

    // ---------------------------------------------------------------- close

    /**
     * Closes this consumer, bounded by the group's rebalance timeout plus {@code clientRequestTimeoutMs}: stops
     * fetching, lets the record in hand finish, and as a group member commits what was processed, raises
     * partitions-revoked and leaves the group, so its partitions go to the other members at once. Once the record in
     * hand is done, the commit waits at most {@code GroupMember.CLOSE_COMMIT_MAX_MS} (3 s) and the LeaveGroup at most
     * {@code GroupMember.CLOSE_LEAVE_MAX_MS} (1 s), so an unreachable coordinator delays the close by seconds; records
     * whose commit did not land are delivered again to the next owner. The client, its producer and its other
     * consumers go on. Closing twice is harmless.
     */
    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * Closes like {@link #close()}, waiting at most {@code timeout}. Called from one of this consumer's own listeners,
     * it starts closing and returns at once: the close waits for the record in hand, which is the caller's.
     *
     * @param timeout the longest wait; what is not done by then goes on in the background
     */
    public void close(Duration timeout) {
        if (fetch.isDeliveryThread()) {
            closeAsync();
            return;
        }
        try {
            closeAsync().get(Math.min(timeout.toMillis(), closeBoundMs()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("{} did not close cleanly within {}: {}", name(), timeout, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts closing (see {@link #close()}) without waiting.
     *
     * @return a future completing once closed; it never fails
     */
    public CompletableFuture<Void> closeAsync() {
        if (!closed.compareAndSet(false, true)) {
            return closedFuture;
        }
        GroupMember member;
        synchronized (this) {
            member = group;
        }
        CompletableFuture<Void> left = member == null ? CompletableFuture.completedFuture(null)
                : member.close().exceptionally(e -> null);
        left.thenCompose(x -> fetch.close()).whenComplete((x, e) -> {
            client.forget(this);
            closedFuture.complete(null);
        });
        return closedFuture;
    }

    /** @return whether the calling thread is one of this consumer's listeners, handling a record */
    boolean isDeliveryThread() {
        return fetch.isDeliveryThread();
    }

    /** The longest a close waits: a member has the rebalance timeout to finish its record, plus one request. */
    long closeBoundMs() {
        GroupMember member;
        synchronized (this) {
            member = group;
        }
        long requestMs = context.configuration().clientRequestTimeoutMs();
        return member == null ? requestMs : member.configuration().rebalanceTimeout().toMillis() + requestMs;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(name() + " is closed");
        }
    }

    private void deserialize(KafkaRecord raw) {
        if (records.isEmpty()) {
            return;
        }
        K key;
        V value;
        try {
            key = topicKeyDeserializers.getOrDefault(raw.topic(), keyDeserializer).deserialize(raw.topic(), raw.key());
            value = topicValueDeserializers.getOrDefault(raw.topic(), valueDeserializer)
                    .deserialize(raw.topic(), raw.value());
        } catch (RuntimeException e) {
            deserializationErrors.fire(new DeserializationError(raw, e));
            fetch.errors().fire(new ConsumerError(ConsumerError.Kind.DESERIALIZATION, raw.topic(), raw.partition(),
                    raw.offset(), String.valueOf(e.getMessage()), false, e));
            return;
        }
        records.fire(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), key, value, raw.headers(),
                raw.timestamp(), raw.timestampType()));
    }

    @Override
    public String toString() {
        return "KafkaConsumer{" + name() + (groupId() != null ? ", group " + groupId() : "") + "}";
    }
}
