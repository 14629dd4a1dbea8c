package io.hpkafka.internal.protocol.message;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fetch (key 1) response body, v0-v12 (v0-v3 in the legacy compatibility modes only), flattened to one entry per
 * topic-partition.
 *
 * @param errorCode top-level error (v7+)
 * @param partitions per-partition data in response order
 * @param throttleTimeMs how long the broker throttled the request, in ms (v1+, else 0)
 * @param sessionId the fetch session id (v7+), 0 without a session
 * @param frame the response frame the records are views into; give it back to its connection once decoded
 */
public record FetchResponse(short errorCode, List<PartitionData> partitions, int throttleTimeMs, int sessionId,
                            ByteBuffer frame) {

    /**
     * @param highWatermark offset of the next record to be committed
     * @param lastStableOffset last stable offset (v4+), or -1
     * @param logStartOffset first offset still in the log (v5+), or -1
     * @param records raw record batches; a view over the response frame, valid until the frame is released. The last
     *     batch may be cut off at the size limit.
     * @param abortedTransactions aborted transactions in the returned range (read committed only), else empty
     * @param preferredReadReplica the replica to fetch from instead (v11+, KIP-392), or -1
     * @param currentLeaderId on NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH, the new leader if the broker knows it
     *     (v12+), else -1
     * @param currentLeaderEpoch that leader's epoch, else -1
     */
    public record PartitionData(String topic, int partition, short errorCode, long highWatermark,
                                long lastStableOffset, long logStartOffset, ByteBuffer records,
                                List<AbortedTransaction> abortedTransactions, int preferredReadReplica,
                                int currentLeaderId, int currentLeaderEpoch) {
    }

    /** An aborted transaction: records of {@code producerId} from {@code firstOffset} on are to be dropped. */
    public record AbortedTransaction(long producerId, long firstOffset) {
    }
}
