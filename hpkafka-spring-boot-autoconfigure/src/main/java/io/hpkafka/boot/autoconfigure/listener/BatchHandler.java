package io.hpkafka.boot.autoconfigure.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TopicPartition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Gathers records into batches for a batch listener: a batch is handed over once it holds {@code maxSize} records,
 * or {@code maxWait} after its first record arrived, and before partitions are given up. Handing a full batch over
 * happens within the delivery of its last record, so a slow listener holds its consumer back (back-pressure).
 * <p>
 * Records whose payload cannot be converted go to the recoverer and stay out of the list. A listener that throws
 * gets the same batch again after the back-off, in place (holding this consumer's partitions, unlike record
 * listeners); after the last attempt, or at once for an exception that is not retryable, each record of the batch
 * goes to the recoverer. Only then are the batch's records counted as processed, so a commit never carries past a
 * record not yet handled. Thread rule: everything runs on the consumer's delivery thread.
 */
final class BatchHandler {

    private static final Log logger = LogFactory.getLog(BatchHandler.class);

    private final MemberParts parts;

    private final int maxSize;

    private final long maxWaitMs;

    private List<KafkaRecord> records;

    private @Nullable ScheduledFuture<?> flushTask;

    BatchHandler(MemberParts parts, int maxSize, long maxWaitMs) {
        this.parts = parts;
        this.maxSize = maxSize;
        this.maxWaitMs = maxWaitMs;
        this.records = new ArrayList<>(Math.min(maxSize, 1024));
    }

    /**
     * Adds a record to the batch, handing the batch over when full.
     * @param record the record
     */
    void add(KafkaRecord record) {
        this.records.add(record);
        if (this.records.size() >= this.maxSize) {
            flush();
        }
        else if (this.records.size() == 1) {
            this.flushTask = this.parts.thread().schedule(this::flush, this.maxWaitMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Hands the records gathered so far over, if any.
     */
    void flush() {
        if (this.flushTask != null) {
            this.flushTask.cancel(false);
            this.flushTask = null;
        }
        if (this.records.isEmpty()) {
            return;
        }
        List<KafkaRecord> batch = this.records;
        this.records = new ArrayList<>(Math.min(this.maxSize, 1024));
        handle(batch);
    }

    /**
     * Drops the gathered records of lost partitions (their new owner reads them).
     * @param partitions the partitions
     */
    void drop(Collection<TopicPartition> partitions) {
        this.records.removeIf((r) -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }

    private void handle(List<KafkaRecord> batch) {
        List<KafkaRecord> delivered = new ArrayList<>(batch.size());
        List<@Nullable Object> elements = new ArrayList<>(batch.size());
        List<KafkaRecord> unconvertible = new ArrayList<>();
        List<Exception> conversionFailures = new ArrayList<>();
        for (KafkaRecord record : batch) {
            try {
                elements.add(this.parts.method().convertElement(record));
                delivered.add(record);
            }
            catch (PayloadConversionException ex) {
                unconvertible.add(record);
                conversionFailures.add(ex);
            }
        }
        for (int i = 0; i < unconvertible.size(); i++) {
            if (!recover(unconvertible.get(i), conversionFailures.get(i))) {
                return; // stopping: nothing of the batch is counted as processed
            }
        }
        Outcome outcome = delivered.isEmpty() ? Outcome.PROCESSED : invoke(delivered, elements);
        if (outcome == Outcome.STOPPED) {
            return;
        }
        OffsetTracker tracker = this.parts.tracker();
        if (tracker != null) {
            for (KafkaRecord record : unconvertible) {
                tracker.processed(record, true);
            }
            for (KafkaRecord record : delivered) {
                tracker.processed(record, outcome == Outcome.RECOVERED);
            }
        }
    }

    // Calls the listener, retrying in place, then recovering each record.
    private Outcome invoke(List<KafkaRecord> delivered, List<@Nullable Object> elements) {
        OffsetTracker tracker = this.parts.tracker();
        RetryPolicy policy = this.parts.retry();
        for (int attempt = 1;; attempt++) {
            Acknowledgment ack = (tracker != null) ? tracker.delivered(delivered) : OffsetTracker.NO_ACK;
            Exception failure;
            ListenerObserver.Invocation invocation = this.parts.observers().beforeBatch(delivered);
            try {
                this.parts.method().invokeBatch(elements, ack);
                invocation.after(null);
                return Outcome.PROCESSED;
            }
            catch (Throwable ex) {
                invocation.after(ex);
                failure = ListenerInvocationException.wrap(ex);
            }
            if (this.parts.stopping().get()) {
                return Outcome.STOPPED; // interrupted past the shutdown timeout: delivered again, not recovered
            }
            if (attempt >= policy.maxAttempts() || !policy.isRetryable(failure)) {
                for (KafkaRecord record : delivered) {
                    if (!recover(record, failure)) {
                        return Outcome.STOPPED;
                    }
                }
                return Outcome.RECOVERED;
            }
            logger.warn(LogMessage.format("@HpKafkaListener '%s' failed on a batch of %d records (attempt %d of %d);"
                    + " retrying in %d ms: %s", this.parts.listenerId(), delivered.size(), attempt,
                    policy.maxAttempts(), policy.delayMs(attempt), failure));
            if (!sleep(policy.delayMs(attempt))) {
                return Outcome.STOPPED;
            }
        }
    }

    // Offers a record to the recoverer until it takes it; false if stopped first.
    private boolean recover(KafkaRecord record, Exception failure) {
        for (int attempt = 1;; attempt++) {
            if (this.parts.stopping().get()) {
                return false;
            }
            try {
                this.parts.recoverer().recover(record, failure, this.parts.groupId());
                return true;
            }
            catch (Exception ex) {
                long delay = Math.max(100, this.parts.retry().delayMs(attempt));
                logger.error(LogMessage.format("@HpKafkaListener '%s': the recoverer failed on %s; offering it again"
                        + " in %d ms", this.parts.listenerId(), ListenerMethod.coordinates(record), delay), ex);
                if (!sleep(delay)) {
                    return false;
                }
            }
        }
    }

    private boolean sleep(long delayMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        try {
            for (long left = delayMs; left > 0 && !this.parts.stopping().get(); left = TimeUnit.NANOSECONDS
                .toMillis(deadline - System.nanoTime())) {
                Thread.sleep(Math.min(left, 50));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !this.parts.stopping().get();
    }

    /** How a batch ended. */
    private enum Outcome {

        /** The listener returned. */
        PROCESSED,

        /** The listener failed for good and the recoverer took every record. */
        RECOVERED,

        /** Stopped before either: nothing of the batch counts as processed. */
        STOPPED

    }

}
