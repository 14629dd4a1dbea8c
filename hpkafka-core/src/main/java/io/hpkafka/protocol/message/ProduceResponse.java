package io.hpkafka.protocol.message;

import java.util.List;

/**
 * Produce response body, flattened to one entry per topic-partition.
 *
 * @param partitions results in response order
 */
public record ProduceResponse(List<PartitionResult> partitions) {

    /**
     * @param baseOffset offset given to the batch's first record
     * @param logAppendTimeMs broker append time for LogAppendTime topics, else -1
     * @param logStartOffset the partition's log start offset (v5+), else -1
     * @param errorMessage broker's explanation (v8+), may be null
     */
    public record PartitionResult(String topic, int partition, short errorCode, long baseOffset, long logAppendTimeMs,
                                  long logStartOffset, String errorMessage) {
    }
}
