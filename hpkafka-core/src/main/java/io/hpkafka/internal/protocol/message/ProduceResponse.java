package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * Produce (key 0) response body, v0-v12 (v0-v2 in the legacy compatibility modes only), flattened to one entry per
 * topic-partition.
 *
 * @param partitions results in response order
 * @param throttleTimeMs how long the broker throttled the request, in ms (v1+, else 0)
 * @param nodeEndpoints addresses of the new leaders named in {@link PartitionResult#currentLeaderId()} (v10+,
 *     KIP-951); empty when none moved
 */
public record ProduceResponse(List<PartitionResult> partitions, int throttleTimeMs,
                              List<NodeEndpoint> nodeEndpoints) {

    /**
     * @param baseOffset offset given to the batch's first record
     * @param logAppendTimeMs broker append time for LogAppendTime topics (v2+), else -1
     * @param logStartOffset the partition's log start offset (v5+), else -1
     * @param errorMessage broker's explanation (v8+), may be null
     * @param currentLeaderId on NOT_LEADER_OR_FOLLOWER, the new leader if the broker knows it (v10+, KIP-951), else -1
     * @param currentLeaderEpoch that leader's epoch, else -1
     */
    public record PartitionResult(String topic, int partition, short errorCode, long baseOffset, long logAppendTimeMs,
                                  long logStartOffset, String errorMessage, int currentLeaderId,
                                  int currentLeaderEpoch) {
    }

    /** A broker's address as a Produce or Fetch response names it (KIP-951); {@code rack} may be null. */
    public record NodeEndpoint(int nodeId, String host, int port, String rack) {
    }
}
