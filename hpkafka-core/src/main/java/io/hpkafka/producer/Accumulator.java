package io.hpkafka.producer;

import io.hpkafka.cluster.TopicPartition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * Records waiting to be sent: for one broker (BatchStrategy.BY_NODE) or for the whole client (GLOBAL). Touched only
 * by the producer's serial executor.
 */
final class Accumulator {
    final Map<TopicPartition, PartitionBatch> batches = new LinkedHashMap<>();
    int recordCount;
    /** Fires after produceBufferingTime to send what has gathered; null while empty. */
    ScheduledFuture<?> lingerTimer;

    void add(PendingRecord record, TopicPartition tp, int leaderId) {
        // A batch goes to the leader its first record was routed to; should the leader have moved meanwhile, the
        // broker answers NOT_LEADER_OR_FOLLOWER and the records are routed again.
        PartitionBatch batch = batches.get(tp);
        if (batch == null) {
            batch = new PartitionBatch(tp, leaderId);
            batches.put(tp, batch);
        }
        batch.records.add(record);
        recordCount++;
    }
}
