package io.hpkafka.protocol.message;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fetch response body, flattened to one entry per topic-partition.
 *
 * @param errorCode top-level error (v7+)
 * @param partitions per-partition data in response order
 */
public record FetchResponse(short errorCode, List<PartitionData> partitions) {

    /**
     * @param highWatermark offset of the next record to be committed
     * @param lastStableOffset last stable offset, or -1
     * @param logStartOffset first offset still in the log (v5+), or -1
     * @param records raw record batches; a view over the response frame, valid until the frame is released. The last
     *     batch may be cut off at the size limit.
     */
    public record PartitionData(String topic, int partition, short errorCode, long highWatermark,
                                long lastStableOffset, long logStartOffset, ByteBuffer records) {
    }
}
