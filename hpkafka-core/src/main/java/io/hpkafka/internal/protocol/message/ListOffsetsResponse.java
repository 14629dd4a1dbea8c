package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * ListOffsets (key 2) response body, v0-v9 (v0 in the legacy compatibility mode only; its single old-style offset
 * becomes {@code offset}), flattened to one entry per topic-partition.
 *
 * @param partitions one entry per partition asked for
 * @param throttleTimeMs how long the broker throttled the request, in ms (v2+)
 */
public record ListOffsetsResponse(List<PartitionOffset> partitions, int throttleTimeMs) {

    /**
     * The offset found for a partition, or an error.
     *
     * @param timestamp the timestamp of the record at {@code offset} in ms, or -1
     * @param leaderEpoch the leader epoch of that record (v4+), or -1
     */
    public record PartitionOffset(String topic, int partition, short errorCode, long timestamp, long offset,
                                  int leaderEpoch) {
    }
}
