package io.hpkafka.protocol.message;

import java.util.List;

/**
 * ListOffsets response body.
 *
 * @param partitions one entry per partition asked for
 */
public record ListOffsetsResponse(List<PartitionOffset> partitions) {

    /** The offset found for a partition, or an error. */
    public record PartitionOffset(String topic, int partition, short errorCode, long timestamp, long offset,
                                  int leaderEpoch) {
    }
}
