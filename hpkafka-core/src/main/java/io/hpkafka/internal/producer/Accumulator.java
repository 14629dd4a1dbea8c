package io.hpkafka.internal.producer;

import io.hpkafka.record.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Records waiting to be sent: for one broker (BatchStrategy.BY_NODE) or for the whole client (GLOBAL), as one
 * batch per partition. Touched only by the producer's serial executor.
 */
final class Accumulator {
    /** At most one unsealed batch per partition and leader; the {@link TopicRoute} points records to it. */
    final List<PartitionBatch> batches = new ArrayList<>();
    int recordCount;
    /**
     * Upper bound of the bytes of its batches (headers and records, {@code RecordSizes}); kept at most
     * {@code maxRequestSizeBytes} unless one record alone fills it, so a request drawn from here stays under it.
     */
    long bytes;
    /** Fires after produceBufferingTime to send what has gathered; null while empty. */
    ScheduledFuture<?> lingerTimer;

    /** Starts a batch for {@code tp} in this accumulator. */
    PartitionBatch newBatch(TopicPartition tp, int leaderId, int expectedRecords) {
        PartitionBatch batch = new PartitionBatch(tp, leaderId, expectedRecords);
        batch.accumulator = this;
        batches.add(batch);
        return batch;
    }

    /** Seals every batch so that no record joins it any more, and returns them. */
    List<PartitionBatch> seal() {
        for (PartitionBatch b : batches) {
            b.sealed = true;
        }
        return batches;
    }
}
