package io.hpkafka.boot.autoconfigure.listener;

import java.util.concurrent.CompletableFuture;

import io.hpkafka.record.KafkaRecord;
import org.jspecify.annotations.Nullable;

/**
 * Takes a record its listener failed on for good: every retry failed, the exception is not retryable, or the payload
 * could not be converted. Once it returns, the record counts as processed (committed, never delivered again); if it
 * throws, the record is retried later, so nothing is lost. The default logs and skips, or, with
 * {@code hpkafka.listener.dead-letter.enabled}, publishes to a dead-letter topic; define a bean of this type to
 * replace both for every listener.
 */
@FunctionalInterface
public interface RecordRecoverer {

    /**
     * Takes the record.
     * @param record the record as fetched (raw key, value and headers)
     * @param failure why it failed (a {@link PayloadConversionException} when it could not be converted)
     * @param groupId the listener's consumer group, or null in simple mode
     * @throws Exception if the record could not be taken; it is then retried later
     */
    void recover(KafkaRecord record, Exception failure, @Nullable String groupId) throws Exception;

    /**
     * Takes the record without holding the caller: record listeners use this, so that a recoverer that waits (for a
     * dead-letter topic's acknowledgment) holds only the record's partition, not the consumer's thread. The default
     * runs {@link #recover} and returns a completed future.
     * @param record the record as fetched
     * @param failure why it failed
     * @param groupId the listener's consumer group, or null in simple mode
     * @return a future completing once the record is taken, or exceptionally if it could not be (it is then retried
     * later)
     */
    default CompletableFuture<Void> recoverAsync(KafkaRecord record, Exception failure, @Nullable String groupId) {
        try {
            recover(record, failure, groupId);
            return CompletableFuture.completedFuture(null);
        }
        catch (Exception ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

}
