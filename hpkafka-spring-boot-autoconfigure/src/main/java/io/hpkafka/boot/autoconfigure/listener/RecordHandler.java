package io.hpkafka.boot.autoconfigure.listener;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TopicPartition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Hands records to a record listener, one at a time, and handles its failures without holding more than the
 * failing record's partition: the partition is paused and its position moved back to the record (the records behind
 * it are fetched again later, never skipped), and after the back-off it is resumed, so the record comes again as the
 * next attempt. The other partitions go on meanwhile. After the last attempt, or at once for a record that cannot be
 * converted or an exception that is not retryable, the record goes to the recoverer; a recoverer that waits (for a
 * dead-letter topic's acknowledgment) holds the partition the same way, not the thread; if the recoverer fails, the
 * record is held back and offered to it again after the back-off.
 * <p>
 * A rebalance during a back-off is safe: the record was not processed, so it is not committed, and whoever owns the
 * partition next reads it again. Thread rule: everything runs on the consumer's delivery thread.
 */
final class RecordHandler {

    private static final Log logger = LogFactory.getLog(RecordHandler.class);

    private final MemberParts parts;

    // Partitions with a record waiting for its next attempt.
    private final Map<TopicPartition, Retry> retries = new HashMap<>();

    RecordHandler(MemberParts parts) {
        this.parts = parts;
    }

    /**
     * Delivers a record.
     * @param record the record
     */
    void handle(KafkaRecord record) {
        Retry retry = null;
        int attempt = 1;
        if (!this.retries.isEmpty()) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            retry = this.retries.get(tp);
            if (retry != null && retry.offset == record.offset()) {
                attempt = retry.attempt + 1;
            }
            else if (retry != null) {
                this.retries.remove(tp); // moved on (the application repositioned the partition)
                retry = null;
            }
        }
        if (retry != null && retry.recovering) {
            CompletableFuture<Void> recovery = retry.recovery;
            if (recovery == null) {
                recover(record, retry.failure, retry.attempt); // the recoverer failed before: offer it again
            }
            else if (recovery.isDone()) {
                recovered(record, recovery, retry.failure, retry.attempt);
            }
            else {
                awaitRecovery(record, retry); // resumed early (by the application): wait on
            }
            return;
        }
        OffsetTracker tracker = this.parts.tracker();
        Acknowledgment ack = (tracker != null) ? tracker.delivered(record) : OffsetTracker.NO_ACK;
        Object result;
        ListenerObserver.Invocation invocation = this.parts.observers().beforeRecord(record);
        try {
            Object payload = this.parts.method().convertPayload(record);
            result = this.parts.method().invoke(record, payload, ack);
        }
        catch (Throwable ex) {
            invocation.after(ex);
            failed(record, ListenerInvocationException.wrap(ex), attempt);
            return;
        }
        invocation.after(null);
        if (result != null && this.parts.replies() != null) {
            this.parts.replies().send(record, result);
        }
        if (retry != null) {
            this.retries.remove(new TopicPartition(record.topic(), record.partition()));
        }
        if (tracker != null) {
            tracker.processed(record, false);
        }
    }

    private void failed(KafkaRecord record, Exception failure, int attempt) {
        if (this.parts.stopping().get()) {
            leftForRedelivery(record, failure);
            return;
        }
        RetryPolicy policy = this.parts.retry();
        if (attempt >= policy.maxAttempts() || !policy.isRetryable(failure)) {
            recover(record, failure, attempt);
            return;
        }
        logger.warn(LogMessage.format("@HpKafkaListener '%s' failed on %s (attempt %d of %d); retrying in %d ms: %s",
                this.parts.listenerId(), ListenerMethod.coordinates(record), attempt, policy.maxAttempts(),
                policy.delayMs(attempt), failure));
        retryLater(record, failure, attempt, false);
    }

    private void recover(KafkaRecord record, Exception failure, int attempt) {
        if (this.parts.stopping().get()) {
            leftForRedelivery(record, failure);
            return;
        }
        CompletableFuture<Void> recovery;
        try {
            recovery = this.parts.recoverer().recoverAsync(record, failure, this.parts.groupId());
        }
        catch (RuntimeException ex) {
            recovery = CompletableFuture.failedFuture(ex);
        }
        if (recovery.isDone()) {
            recovered(record, recovery, failure, attempt);
            return;
        }
        // The recoverer waits (a dead-letter topic's acknowledgment): hold the partition, not the thread, and take
        // the record up again when it is done.
        Retry retry = new Retry(record.offset(), attempt, failure, true);
        retry.recovery = recovery;
        awaitRecovery(record, retry);
    }

    private void awaitRecovery(KafkaRecord record, Retry retry) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        Retry replaced = this.retries.put(tp, retry);
        if (replaced != null && replaced != retry) {
            replaced.cancel();
        }
        this.parts.consumer().pause(tp.topic(), tp.partition());
        this.parts.consumer().seek(tp.topic(), tp.partition(), record.offset());
        retry.recovery.whenComplete((x, e) -> {
            try {
                this.parts.thread().execute(() -> {
                    if (this.retries.get(tp) == retry) {
                        this.parts.consumer().resume(tp.topic(), tp.partition());
                    }
                });
            }
            catch (RuntimeException ex) {
                // The consumer has stopped: the record was not committed, its next reader gets it.
            }
        });
    }

    // The recoverer is done with the record: processed, or offered again after the back-off.
    private void recovered(KafkaRecord record, CompletableFuture<Void> recovery, Exception failure, int attempt) {
        try {
            recovery.join();
        }
        catch (RuntimeException ex) {
            Throwable cause = (ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null)
                    ? ex.getCause() : ex;
            logger.error(LogMessage.format("@HpKafkaListener '%s': the recoverer failed on %s; offering it again in"
                    + " %d ms", this.parts.listenerId(), ListenerMethod.coordinates(record),
                    this.parts.retry().delayMs(attempt)), cause);
            retryLater(record, failure, attempt, true);
            return;
        }
        this.retries.remove(new TopicPartition(record.topic(), record.partition()));
        OffsetTracker tracker = this.parts.tracker();
        if (tracker != null) {
            tracker.processed(record, true);
        }
    }

    // Stopping: neither retried nor recovered, nor counted as processed; whoever reads the partition next gets it.
    private void leftForRedelivery(KafkaRecord record, Exception failure) {
        logger.info(LogMessage.format("@HpKafkaListener '%s' is stopping and %s failed (%s); it is not committed and"
                + " will be delivered again", this.parts.listenerId(), ListenerMethod.coordinates(record), failure));
    }

    // Pauses the partition, moves it back to the record, and resumes it after the back-off.
    private void retryLater(KafkaRecord record, Exception failure, int attempt, boolean recovering) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        Retry retry = new Retry(record.offset(), attempt, failure, recovering);
        Retry replaced = this.retries.put(tp, retry);
        if (replaced != null) {
            replaced.cancel();
        }
        this.parts.consumer().pause(tp.topic(), tp.partition());
        this.parts.consumer().seek(tp.topic(), tp.partition(), record.offset());
        retry.resume = this.parts.thread().schedule(() -> {
            if (this.retries.get(tp) == retry) {
                this.parts.consumer().resume(tp.topic(), tp.partition());
            }
        }, this.parts.retry().delayMs(attempt), TimeUnit.MILLISECONDS);
    }

    /**
     * Partitions are given up: their pending retries are dropped (the records were not processed, so the
     * partitions' next owner reads them again).
     * @param partitions the partitions
     */
    void revoking(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Retry retry = this.retries.remove(tp);
            if (retry != null) {
                retry.cancel();
            }
        }
    }

    /**
     * Drops every pending retry (the consumer is closing).
     */
    void clear() {
        this.retries.values().forEach(Retry::cancel);
        this.retries.clear();
    }

    /** A record waiting for its next attempt. */
    private static final class Retry {

        final long offset;

        final int attempt;

        final Exception failure;

        final boolean recovering;

        @Nullable ScheduledFuture<?> resume;

        // While the recoverer works on the record (recovering only).
        @Nullable CompletableFuture<Void> recovery;

        Retry(long offset, int attempt, Exception failure, boolean recovering) {
            this.offset = offset;
            this.attempt = attempt;
            this.failure = failure;
            this.recovering = recovering;
        }

        void cancel() {
            if (this.resume != null) {
                this.resume.cancel(false);
            }
        }

    }

}
