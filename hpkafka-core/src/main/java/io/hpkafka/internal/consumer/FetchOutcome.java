package io.hpkafka.internal.consumer;

import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TopicPartition;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one Fetch response yields for one consumer, per partition. Built on a driver thread, then handed to the
 * consumer's dispatcher (which may lower a next position when it stops early) and then to the fetch engine's actor;
 * each hand-off goes through an executor queue, which publishes the maps safely.
 */
final class FetchOutcome {
    /** Decoded records per partition, in offset order. */
    final Map<TopicPartition, List<KafkaRecord>> records = new HashMap<>();
    /** Offset to fetch next per partition. */
    final Map<TopicPartition, Long> nextPositions = new HashMap<>();
    /** Partition-level error codes. */
    final Map<TopicPartition, Short> errors = new HashMap<>();
    /** Partitions whose bytes were malformed: nothing of them is delivered, and they are fetched again after a pause. */
    final Set<TopicPartition> malformed = new HashSet<>();
}
