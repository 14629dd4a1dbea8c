package io.hpkafka.producer;

import java.util.concurrent.CompletableFuture;

/**
 * A produced record while the client holds it. Mutable fields are touched only by the producer's serial executor.
 */
final class PendingRecord {
    final ProducerRecord record;
    /** CreateTime in ms since the epoch, fixed when the record entered. */
    final long timestamp;
    /** {@link System#nanoTime()} when the record entered; {@code messageTtl} counts from here. */
    final long enteredNanos;
    /** The last error that delayed the record, reported if it expires. */
    String lastError;
    /** The partition chosen at first routing, kept through retries; -1 before. */
    int partition = -1;
    /** Completed with the record's outcome when the caller asked for a future; null otherwise (no allocation). */
    CompletableFuture<RecordMetadata> future;

    PendingRecord(ProducerRecord record, long timestamp, long enteredNanos) {
        this.record = record;
        this.timestamp = timestamp;
        this.enteredNanos = enteredNanos;
    }
}
