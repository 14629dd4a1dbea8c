package io.hpkafka.internal.producer;

import io.hpkafka.producer.DiscardReason;
import io.hpkafka.producer.ProduceAcknowledged;
import io.hpkafka.producer.ProduceDiscarded;
import io.hpkafka.producer.ProduceExpired;
import io.hpkafka.producer.ProduceFailedException;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.OverflowStrategy;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.internal.stats.Counters;
import io.hpkafka.internal.stats.Hooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The producer's bookkeeping of records in the client: admission under {@code maxBufferedMessages}, and the single
 * outcome of each record (acknowledged, discarded or expired) with its counters, event, future, and the closing of
 * pooled originals. Thread-safe: admission runs on callers' threads, outcomes on the producer's actor.
 */
final class RecordOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RecordOutcomes.class);

    private final Configuration config;
    private final Counters counters;
    private final Hooks hooks;
    private final EventListeners<ProduceAcknowledged> acknowledged;
    private final EventListeners<ProduceDiscarded> discarded;
    private final EventListeners<ProduceExpired> expired;
    /** {@code maxBufferedMessages}, or 0 for unbounded. */
    private final long maxBuffered;
    /**
     * Records handed in and not yet acknowledged, discarded or expired: the bound of {@code maxBufferedMessages}
     * and what {@code close()} waits on. One counter for both, so a produce call pays one contended atomic.
     */
    private final AtomicLong pending = new AtomicLong();
    /** Held by producers blocked under OverflowStrategy.BLOCK; notified when records leave. */
    private final Object roomFreed = new Object();
    /** Producers blocked under OverflowStrategy.BLOCK, each still counted in {@link #pending}. */
    private volatile int blockedProducers;

    RecordOutcomes(Configuration config, Counters counters, Hooks hooks,
                   EventListeners<ProduceAcknowledged> acknowledged, EventListeners<ProduceDiscarded> discarded,
                   EventListeners<ProduceExpired> expired) {
        this.config = config;
        this.counters = counters;
        this.hooks = hooks;
        this.acknowledged = acknowledged;
        this.discarded = discarded;
        this.expired = expired;
        this.maxBuffered = Math.max(0, config.maxBufferedMessages());
    }

    /** @return records handed in and not yet acknowledged, discarded or expired */
    long pending() {
        return pending.get();
    }

    /**
     * Counts a record handed to produce. Every counted record later gets exactly one outcome.
     *
     * @return records pending, this one included: pass it to {@link #admit}
     */
    long entered() {
        counters.entered.increment();
        return pending.incrementAndGet();
    }

    /**
     * Admits an entered record under {@code maxBufferedMessages}: blocks under OverflowStrategy.BLOCK, or discards
     * the record (reason OVERFLOW) under DISCARD, while that many records already wait.
     *
     * @param pendingWithThis what {@link #entered()} returned for it
     * @return whether the record may go on
     */
    boolean admit(PendingRecord pr, long pendingWithThis) {
        if (maxBuffered == 0 || pendingWithThis <= maxBuffered) {
            return true;
        }
        if (config.overflowStrategy() == OverflowStrategy.DISCARD) {
            discard(pr, DiscardReason.OVERFLOW, "maxBufferedMessages=" + maxBuffered + " reached");
            return false;
        }
        synchronized (roomFreed) {
            blockedProducers++;
            try {
                // Blocked producers stay counted (close() waits for them); only the others take room.
                while (pending.get() - blockedProducers >= maxBuffered) {
                    roomFreed.wait(50); // notified when records leave; the timeout is only a safety net
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                blockedProducers--;
            }
        }
        discard(pr, DiscardReason.OVERFLOW, "interrupted while blocked on maxBufferedMessages");
        return false;
    }

    /** The records of {@code b} were acknowledged; record i has offset {@code baseOffset + i}. */
    void acknowledge(PartitionBatch b, long baseOffset) {
        int n = b.records.size();
        counters.acknowledged.add(n);
        if (hooks.enabled()) {
            hooks.recordsAcknowledged(b.topicPartition.topic(), b.topicPartition.partition(), n);
        }
        for (int i = 0; b.acknowledgedAlone && i < n; i++) { // skipped when no record has a future or a closable
            PendingRecord pr = b.records.get(i);
            closeOriginals(pr);
            if (pr.future != null) {
                pr.future.complete(new RecordMetadata(b.topicPartition.topic(), b.topicPartition.partition(),
                        baseOffset < 0 ? -1 : baseOffset + i));
            }
        }
        if (!acknowledged.isEmpty()) {
            acknowledged.fire(new ProduceAcknowledged(b.topicPartition.topic(), b.topicPartition.partition(),
                    baseOffset, n));
        }
        exited(n); // last: close() returns once nothing is pending, and every event must have run by then
    }

    /** An admitted record outlived {@code messageTtl}. */
    void expire(PendingRecord pr) {
        counters.expired.increment();
        if (hooks.enabled()) {
            hooks.recordsExpired(pr.topic, pr.partition, 1);
        }
        expired.fire(new ProduceExpired(pr.toRecord(), pr.lastError, pr.originalKey(), pr.originalValue()));
        closeOriginals(pr);
        fail(pr.future, new ProduceFailedException(null, "expired after messageTtl=" + config.messageTtl()
                + (pr.lastError == null ? "" : "; last error: " + pr.lastError)));
        exited(1);
    }

    /** A record is given up, admitted or not (one counter bounds both, so the two need no distinction). */
    void discard(PendingRecord pr, DiscardReason reason, String error) {
        counters.discarded.increment();
        if (hooks.enabled()) {
            hooks.recordsDiscarded(pr.topic, pr.partition, 1, reason);
        }
        discarded.fire(new ProduceDiscarded(pr.toRecord(), reason, error, pr.originalKey(), pr.originalValue()));
        closeOriginals(pr);
        fail(pr.future, new ProduceFailedException(reason,
                "discarded (" + reason + ")" + (error == null ? "" : ": " + error)));
        exited(1);
    }

    private static void fail(CompletableFuture<RecordMetadata> future, ProduceFailedException e) {
        if (future != null) {
            future.completeExceptionally(e);
        }
    }

    private void exited(int n) {
        counters.exited.add(n);
        pending.addAndGet(-n); // last, as in acknowledge()
        if (blockedProducers > 0) { // read after the decrement: a producer blocking meanwhile sees the new count
            synchronized (roomFreed) {
                roomFreed.notifyAll();
            }
        }
    }

    /** Closes an AutoCloseable key or value once its record has its outcome, so callers can pool them. */
    private static void closeOriginals(PendingRecord pr) {
        if (pr.objects != null) {
            closeQuietly(pr.objects.key);
            if (pr.objects.value != pr.objects.key) {
                closeQuietly(pr.objects.value);
            }
        }
    }

    private static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Closing a produced {} failed", o.getClass().getName(), e);
            }
        }
    }
}
