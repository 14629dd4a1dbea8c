package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * OffsetCommit (key 8) response, v2-v9, flattened to one entry per topic-partition.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms (v3+)
 * @param partitions per-partition results in response order
 */
public record OffsetCommitResponse(int throttleTimeMs, List<PartitionResult> partitions) {

    /** A partition's result, e.g. NOT_COORDINATOR, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS, OFFSET_METADATA_TOO_LARGE. */
    public record PartitionResult(String topic, int partition, short errorCode) {
    }
}
