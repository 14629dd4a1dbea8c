package io.hpkafka.producer;

import io.hpkafka.Configuration;
import io.hpkafka.config.OverflowStrategy;
import io.hpkafka.event.EventListeners;
import io.hpkafka.stats.Counters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
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
    private final EventListeners<ProduceAcknowledged> acknowledged;
    private final EventListeners<ProduceDiscarded> discarded;
    private final EventListeners<ProduceExpired> expired;
    /** One permit per record that may wait in the client; null when unbounded. */
    private final Semaphore bufferPermits;
    /** Records handed in and not yet acknowledged, discarded or expired. */
    private final AtomicLong pending = new AtomicLong();

    RecordOutcomes(Configuration config, Counters counters, EventListeners<ProduceAcknowledged> acknowledged,
                   EventListeners<ProduceDiscarded> discarded, EventListeners<ProduceExpired> expired) {
        this.config = config;
        this.counters = counters;
        this.acknowledged = acknowledged;
        this.discarded = discarded;
        this.expired = expired;
        this.bufferPermits = config.maxBufferedMessages() > 0 ? new Semaphore(config.maxBufferedMessages()) : null;
    }

    /** @return records handed in and not yet acknowledged, discarded or expired */
    long pending() {
        return pending.get();
    }

    /** Counts a record handed to produce. Every counted record later gets exactly one outcome. */
    void entered() {
        counters.entered.increment();
        pending.incrementAndGet();
    }

    /**
     * Takes a buffer permit for an entered record: blocks under OverflowStrategy.BLOCK, or discards the record
     * (reason OVERFLOW) under DISCARD when {@code maxBufferedMessages} records already wait.
     *
     * @return whether the record may go on
     */
    boolean admit(PendingRecord pr) {
        if (bufferPermits == null) {
            return true;
        }
        if (config.overflowStrategy() == OverflowStrategy.DISCARD) {
            if (bufferPermits.tryAcquire()) {
                return true;
            }
            discardUnadmitted(pr, DiscardReason.OVERFLOW, "maxBufferedMessages=" + config.maxBufferedMessages()
                    + " reached");
            return false;
        }
        try {
            bufferPermits.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardUnadmitted(pr, DiscardReason.OVERFLOW, "interrupted while blocked on maxBufferedMessages");
            return false;
        }
    }

    /** The records of {@code b} were acknowledged; record i has offset {@code baseOffset + i}. */
    void acknowledge(PartitionBatch b, long baseOffset) {
        int n = b.records.size();
        counters.acknowledged.add(n);
        for (int i = 0; i < n; i++) {
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
        expired.fire(new ProduceExpired(pr.record, pr.lastError, pr.originalKey, pr.originalValue));
        closeOriginals(pr);
        fail(pr.future, new ProduceFailedException(null, "expired after messageTtl=" + config.messageTtl()
                + (pr.lastError == null ? "" : "; last error: " + pr.lastError)));
        exited(1);
    }

    /** An admitted record is given up. */
    void discard(PendingRecord pr, DiscardReason reason, String error) {
        if (bufferPermits != null) {
            bufferPermits.release();
        }
        discardUnadmitted(pr, reason, error);
    }

    /** A record given up before it took a buffer permit (refused at produce). */
    void discardUnadmitted(PendingRecord pr, DiscardReason reason, String error) {
        counters.discarded.increment();
        discarded.fire(new ProduceDiscarded(pr.record, reason, error, pr.originalKey, pr.originalValue));
        closeOriginals(pr);
        fail(pr.future, new ProduceFailedException(reason,
                "discarded (" + reason + ")" + (error == null ? "" : ": " + error)));
        counters.exited.increment();
        pending.decrementAndGet(); // last, as in acknowledge()
    }

    private static void fail(CompletableFuture<RecordMetadata> future, ProduceFailedException e) {
        if (future != null) {
            future.completeExceptionally(e);
        }
    }

    private void exited(int n) {
        if (bufferPermits != null) {
            bufferPermits.release(n);
        }
        counters.exited.add(n);
        pending.addAndGet(-n);
    }

    /** Closes an AutoCloseable key or value once its record has its outcome, so callers can pool them. */
    private static void closeOriginals(PendingRecord pr) {
        closeQuietly(pr.originalKey);
        if (pr.originalValue != pr.originalKey) {
            closeQuietly(pr.originalValue);
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
