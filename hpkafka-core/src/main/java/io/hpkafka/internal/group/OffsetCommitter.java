package io.hpkafka.internal.group;

import io.hpkafka.group.CommitFailed;
import io.hpkafka.group.OffsetsCommitted;
import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.consumer.ConsumerFetch;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.OffsetCommitRequest;
import io.hpkafka.internal.protocol.message.OffsetCommitResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Commits offsets of processed records (OffsetCommit, API key 8) for one member, one request at a time: commits
 * queue behind the one in flight, so the coordinator stores them in order and a stored offset never goes backwards.
 * Only offsets above the last one known committed are sent (unless the partition's position was reset after
 * OFFSET_OUT_OF_RANGE since: then the stored offset counted in a log that is gone, and the new position is committed
 * even when lower), and only for partitions the member owns, fenced with its
 * generation and member id (so a member that lost a partition cannot overwrite its new owner's progress). What was
 * processed comes from the consumer's fetch side: the offset after the last record its listeners returned from, or,
 * with {@code commitMarkedOnly}, the highest offset marked processed plus one.
 * <p>
 * Thread rule: every method runs on the group actor; futures complete on the actor.
 */
final class OffsetCommitter {

    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);

    private final String groupId;
    private final CoordinatorClient coordinator;
    private final ConsumerFetch fetcher;
    private final Executor actor;
    /** Where events are raised, so a slow listener never holds the actor (and its heartbeats). */
    private final Executor events;
    private final Supplier<Membership> membership;
    private final EventListeners<OffsetsCommitted> committedEvents;
    private final EventListeners<CommitFailed> failedEvents;
    /** Sent with OffsetCommit v2-v4 only, in ms; -1 for the broker's default. */
    private final long retentionMs;

    // Touched only on the actor.
    /** Highest offset known stored per partition: from OffsetFetch at assignment, then from our own commits. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** Per partition, the fetch side's reset count ({@link ConsumerFetch#resets}) that {@link #committed} is valid for. */
    private final Map<TopicPartition, Integer> resetsSeen = new HashMap<>();
    private final ArrayDeque<Commit> queue = new ArrayDeque<>();
    private boolean inFlight;

    OffsetCommitter(String groupId, CoordinatorClient coordinator, ConsumerFetch fetcher, Executor actor,
                    Executor events, Supplier<Membership> membership, EventListeners<OffsetsCommitted> committedEvents,
                    EventListeners<CommitFailed> failedEvents, long retentionMs) {
        this.groupId = groupId;
        this.coordinator = coordinator;
        this.fetcher = fetcher;
        this.actor = actor;
        this.events = events;
        this.membership = membership;
        this.committedEvents = committedEvents;
        this.failedEvents = failedEvents;
        this.retentionMs = retentionMs;
    }

    /** Records the group's committed offset of a newly assigned partition; commits below it are not sent. */
    void known(TopicPartition tp, long offset) {
        committed.put(tp, offset);
        resetsSeen.put(tp, fetcher.resets(tp));
    }

    /** @return a future of the commit of every owned partition's processed offset, when higher than committed */
    CompletableFuture<Void> commitProcessed() {
        Commit last = queue.peekLast();
        if (last != null && last.offsets == null) {
            // Not sent yet and reads the offsets when sent: one request serves both (auto-commit ticks during a
            // coordinator outage would otherwise pile up).
            return last.result;
        }
        return enqueue(new Commit(null));
    }

    /** @return a future of the commit of {@code offsets} (those of owned partitions, when higher than committed) */
    CompletableFuture<Void> commit(Map<TopicPartition, Long> offsets) {
        return enqueue(new Commit(offsets));
    }

    /**
     * Reports processed offsets that can no longer be committed because the partitions were lost (membership
     * expired): a commit-failed event, so the loss of progress is visible.
     */
    void lost(Map<TopicPartition, Long> processed, String why) {
        Map<TopicPartition, Long> uncommitted = new LinkedHashMap<>();
        processed.forEach((tp, offset) -> {
            if (offset > committed.getOrDefault(tp, -1L)) {
                uncommitted.put(tp, offset);
            }
        });
        if (!uncommitted.isEmpty()) {
            CommitFailed event = new CommitFailed(groupId, uncommitted, why);
            events.execute(() -> failedEvents.fire(event));
        }
    }

    private CompletableFuture<Void> enqueue(Commit c) {
        queue.add(c);
        next();
        return c.result;
    }

    private void next() {
        if (inFlight || queue.isEmpty()) {
            return;
        }
        Commit c = queue.poll();
        inFlight = true;
        Membership m = membership.get();
        // Counted before the offsets are gathered: a reset in between makes the floor stay one commit longer, never
        // lets an offset of the old log through without it.
        for (TopicPartition tp : c.offsets != null ? c.offsets.keySet() : m.owned()) {
            c.resets.put(tp, fetcher.resets(tp));
        }
        CompletableFuture<Map<TopicPartition, Long>> offsets = c.offsets != null
                ? CompletableFuture.completedFuture(c.offsets)
                : fetcher.processedOffsets(m.owned());
        offsets.whenCompleteAsync((o, e) -> send(c, o != null ? o : Map.of()), actor);
    }

    private void send(Commit c, Map<TopicPartition, Long> offsets) {
        // Read again: the member may have rebalanced while the offsets were gathered.
        Membership m = membership.get();
        Map<TopicPartition, Long> toSend = new LinkedHashMap<>();
        c.resets.forEach((tp, resets) -> {
            if (resets != resetsSeen.getOrDefault(tp, 0).intValue()) {
                committed.remove(tp); // the position was reset: what was stored is no floor any more
                resetsSeen.put(tp, resets);
            }
        });
        offsets.forEach((tp, offset) -> {
            if (m.owned().contains(tp) && offset > committed.getOrDefault(tp, -1L)) {
                toSend.put(tp, offset);
            }
        });
        if (toSend.isEmpty()) {
            finish(c, null);
            return;
        }
        if (m.generationId() < 0) {
            fail(c, toSend, "REBALANCE_IN_PROGRESS (no generation)");
            return;
        }
        Map<String, List<OffsetCommitRequest.Partition>> byTopic = new LinkedHashMap<>();
        toSend.forEach((tp, offset) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(new OffsetCommitRequest.Partition(tp.partition(), offset, -1, null)));
        List<OffsetCommitRequest.Topic> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(new OffsetCommitRequest.Topic(t, ps)));
        coordinator.send(new OffsetCommitRequest(groupId, m.generationId(), m.memberId(), null, topics,
                        retentionMs))
                .whenComplete((response, error) -> {
                    if (error != null) {
                        fail(c, toSend, "coordinator unreachable: " + error.getMessage());
                        return;
                    }
                    onResponse(c, toSend, response);
                });
    }

    private void onResponse(Commit c, Map<TopicPartition, Long> sent, OffsetCommitResponse response) {
        Map<TopicPartition, Long> stored = new LinkedHashMap<>();
        Map<TopicPartition, Long> failed = new LinkedHashMap<>();
        String error = null;
        for (OffsetCommitResponse.PartitionResult r : response.partitions()) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            Long offset = sent.get(tp);
            if (offset == null) {
                continue;
            }
            if (r.errorCode() == Errors.NONE) {
                committed.merge(tp, offset, Math::max);
                stored.put(tp, offset);
            } else {
                failed.put(tp, offset);
                error = Errors.name(r.errorCode());
                if (CoordinatorClient.isCoordinatorError(r.errorCode())) {
                    coordinator.markUnknown();
                }
            }
        }
        if (!stored.isEmpty()) {
            OffsetsCommitted event = new OffsetsCommitted(groupId, stored);
            events.execute(() -> committedEvents.fire(event));
        }
        if (error != null) {
            fail(c, failed, error);
        } else {
            finish(c, null);
        }
    }

    private void fail(Commit c, Map<TopicPartition, Long> offsets, String error) {
        log.debug("Group {}: commit of {} failed: {}", groupId, offsets, error);
        CommitFailed event = new CommitFailed(groupId, offsets, error);
        events.execute(() -> failedEvents.fire(event));
        finish(c, new KafkaClientException("commit of group '" + groupId + "' failed: " + error));
    }

    private void finish(Commit c, Throwable error) {
        inFlight = false;
        if (error != null) {
            c.result.completeExceptionally(error);
        } else {
            c.result.complete(null);
        }
        next();
    }

    /** A queued commit: explicit offsets, or null for "what was processed when its turn comes". */
    private static final class Commit {
        final Map<TopicPartition, Long> offsets;
        final CompletableFuture<Void> result = new CompletableFuture<>();
        /** The fetch side's reset count per partition, read before the offsets were gathered. */
        final Map<TopicPartition, Integer> resets = new HashMap<>();

        Commit(Map<TopicPartition, Long> offsets) {
            this.offsets = offsets;
        }
    }
}
