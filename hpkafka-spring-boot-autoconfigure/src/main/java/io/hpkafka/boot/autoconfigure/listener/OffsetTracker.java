package io.hpkafka.boot.autoconfigure.listener;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.hpkafka.KafkaConsumer;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TopicPartition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Decides, for one group-mode consumer of a container, which offsets are committed and when ({@link AckMode}). The
 * consumer is subscribed with marked commits: only offsets marked here are committed, by the commits sent here and by
 * the one the consumer makes before it gives partitions up (see {@link #revoking}). A partition's mark is the offset
 * after its last processed record; in the manual modes, after the last record that it and every earlier delivered
 * record of the partition were acknowledged, so an unacknowledged record is never committed past.
 * <p>
 * Thread rule: everything but {@link Acknowledgment#acknowledge()} runs on the consumer's delivery thread, whose
 * executor ({@code memberThread}) also runs the commit completions.
 */
final class OffsetTracker {

    private static final Log logger = LogFactory.getLog(OffsetTracker.class);

    static final Acknowledgment NO_ACK = () -> { };

    // Wait after a failed commit before the next one.
    private static final long RETRY_AFTER_FAILURE_MS = 500;

    private final KafkaConsumer<?, ?> consumer;

    private final AckMode mode;

    private final int ackCount;

    private final ScheduledExecutorService memberThread;

    // Read by acknowledging threads in the manual modes; written on the delivery thread.
    private final Map<TopicPartition, Progress> progress = new ConcurrentHashMap<>();

    // Delivery thread only.
    private @Nullable Progress last;

    private int sinceCommit;

    private boolean dirty;

    private boolean commitInFlight;

    OffsetTracker(KafkaConsumer<?, ?> consumer, AckMode mode, int ackCount, ScheduledExecutorService memberThread) {
        this.consumer = consumer;
        this.mode = mode;
        this.ackCount = ackCount;
        this.memberThread = memberThread;
    }

    /**
     * A record is about to be handed to the listener.
     * @param record the record
     * @return the handle the listener acknowledges it with (a no-op outside the manual modes)
     */
    Acknowledgment delivered(KafkaRecord record) {
        if (!this.mode.isManual()) {
            return NO_ACK;
        }
        Progress p = progressOf(record);
        long offset = record.offset();
        p.delivered(offset);
        return () -> acknowledge(p, offset);
    }

    /**
     * Batch listeners: the records of a batch are about to be handed over.
     * @param records the batch, in delivery order
     * @return the handle acknowledging the whole batch (a no-op outside the manual modes)
     */
    Acknowledgment delivered(List<KafkaRecord> records) {
        if (!this.mode.isManual()) {
            return NO_ACK;
        }
        Progress[] partitions = new Progress[records.size()];
        long[] offsets = new long[records.size()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = progressOf(records.get(i));
            offsets[i] = records.get(i).offset();
            partitions[i].delivered(offsets[i]);
        }
        return () -> {
            for (int i = 0; i < partitions.length; i++) {
                acknowledge(partitions[i], offsets[i]);
            }
        };
    }

    /**
     * A record was processed (the listener returned, or the recoverer took it). In the manual modes this
     * acknowledges it only if {@code recovered}: a record the listener returned from waits for its acknowledgment.
     * @param record the record
     * @param recovered whether the recoverer took it
     */
    void processed(KafkaRecord record, boolean recovered) {
        if (this.mode.isManual()) {
            if (recovered) {
                Progress p = progressOf(record);
                p.include(record.offset()); // it may not have been handed over (batch conversion failures)
                acknowledge(p, record.offset());
            }
            return;
        }
        Progress p = progressOf(record);
        long next = record.offset() + 1;
        if (next > p.processed) {
            p.processed = next;
        }
        this.dirty = true;
        switch (this.mode) {
            case RECORD -> commit();
            case BATCH -> {
                if (!this.commitInFlight) {
                    commit();
                }
            }
            case COUNT, COUNT_TIME -> {
                if (++this.sinceCommit >= this.ackCount) {
                    commit();
                }
            }
            default -> {
                // TIME: the timer commits
            }
        }
    }

    /**
     * The timer of ack modes TIME and COUNT_TIME: commits if anything was processed since the last commit.
     */
    void commitIfProcessed() {
        if (this.dirty) {
            commit();
        }
    }

    /**
     * The consumer is giving partitions up (delivery thread, before its own commit of them): their marks go to the
     * consumer, unless they are lost, and their progress is forgotten; a late acknowledgment of one does nothing.
     * @param partitions the partitions given up
     * @param lost whether they are lost (another member may own them: nothing is committed)
     */
    void revoking(Collection<TopicPartition> partitions, boolean lost) {
        this.last = null;
        for (TopicPartition tp : partitions) {
            Progress p = this.progress.remove(tp);
            if (p != null) {
                long marked = p.revoke(this.mode.isManual());
                if (!lost && marked > 0) {
                    this.consumer.markProcessed(tp.topic(), tp.partition(), marked - 1);
                }
            }
        }
    }

    // Delivery thread.
    private void commit() {
        pushMarks();
        this.sinceCommit = 0;
        this.dirty = false;
        this.commitInFlight = true;
        this.consumer.commitAsync().whenComplete((result, error) -> this.memberThread.execute(() -> {
            if (error != null) {
                // A rebalance in progress, a coordinator moving: try again later, not in a loop. The commit before
                // partitions are given up carries the marks anyway.
                logger.debug(LogMessage.format("%s: commit failed; trying again in %d ms: %s", this.consumer.name(),
                        RETRY_AFTER_FAILURE_MS, error));
                this.dirty = true;
                this.memberThread.schedule(this::commitAfterFailure, RETRY_AFTER_FAILURE_MS, TimeUnit.MILLISECONDS);
                return;
            }
            this.commitInFlight = false;
            if (this.dirty && (this.mode == AckMode.BATCH || this.mode == AckMode.MANUAL)) {
                commit();
            }
        }));
    }

    private void commitAfterFailure() {
        this.commitInFlight = false;
        if (this.dirty) {
            commit();
        }
    }

    private void pushMarks() {
        for (Map.Entry<TopicPartition, Progress> entry : this.progress.entrySet()) {
            Progress p = entry.getValue();
            long marked = this.mode.isManual() ? p.marked : p.processed;
            if (marked > p.pushed) {
                p.pushed = marked;
                this.consumer.markProcessed(entry.getKey().topic(), entry.getKey().partition(), marked - 1);
            }
        }
    }

    // Any thread.
    private void acknowledge(Progress p, long offset) {
        if (!p.acknowledge(offset)) {
            return;
        }
        if (this.mode == AckMode.MANUAL_IMMEDIATE) {
            long marked = p.marked;
            if (marked > 0 && !p.isRevoked()) {
                this.consumer.markProcessed(p.topic, p.partition, marked - 1);
                this.consumer.commitAsync().exceptionally((error) -> null); // reported by a commit-failed event
            }
        }
        else {
            this.memberThread.execute(() -> {
                this.dirty = true;
                if (!this.commitInFlight) {
                    commit();
                }
            });
        }
    }

    private Progress progressOf(KafkaRecord record) {
        Progress p = this.last;
        if (p != null && p.partition == record.partition() && p.topic.equals(record.topic())) {
            return p;
        }
        p = this.progress.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                (tp) -> new Progress(tp.topic(), tp.partition()));
        this.last = p;
        return p;
    }

    /**
     * One partition's progress: in the automatic modes {@link #processed}, touched by the delivery thread only (a
     * plain field: it is written for every record); in the manual modes {@link #marked}, written under the lock by
     * acknowledging threads and read by the delivery thread.
     */
    private static final class Progress {

        final String topic;

        final int partition;

        volatile long marked;

        // Automatic modes, delivery thread only: the offset after the last processed record.
        long processed;

        // Delivery thread only.
        long pushed;

        // Manual modes, under this lock: offsets handed over and not yet covered by the mark, in order, and
        // which of them are acknowledged.
        private final ArrayDeque<long[]> pending = new ArrayDeque<>();

        private boolean revoked;

        Progress(String topic, int partition) {
            this.topic = topic;
            this.partition = partition;
        }

        synchronized void delivered(long offset) {
            // A redelivery (retry after a seek back) replaces what was handed over from that offset on.
            while (!this.pending.isEmpty() && this.pending.peekLast()[0] >= offset) {
                this.pending.pollLast();
            }
            if (offset >= this.marked) {
                this.pending.addLast(new long[] { offset, 0 });
            }
        }

        // Adds an offset not handed over (its batch's listener never saw it) in order, keeping what is pending.
        synchronized void include(long offset) {
            if (offset < this.marked) {
                return;
            }
            java.util.List<long[]> entries = new java.util.ArrayList<>(this.pending);
            int at = 0;
            while (at < entries.size() && entries.get(at)[0] < offset) {
                at++;
            }
            if (at < entries.size() && entries.get(at)[0] == offset) {
                return;
            }
            entries.add(at, new long[] { offset, 0 });
            this.pending.clear();
            this.pending.addAll(entries);
        }

        /** @return whether the mark moved */
        synchronized boolean acknowledge(long offset) {
            if (this.revoked) {
                return false;
            }
            for (long[] entry : this.pending) {
                if (entry[0] == offset) {
                    entry[1] = 1;
                    break;
                }
            }
            long mark = this.marked;
            while (!this.pending.isEmpty() && this.pending.peekFirst()[1] == 1) {
                mark = this.pending.pollFirst()[0] + 1;
            }
            if (mark > this.marked) {
                this.marked = mark;
                return true;
            }
            return false;
        }

        // Delivery thread.
        synchronized long revoke(boolean manual) {
            this.revoked = true;
            return manual ? this.marked : this.processed;
        }

        synchronized boolean isRevoked() {
            return this.revoked;
        }

    }

}
