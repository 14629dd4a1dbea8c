package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * OffsetFetch (key 9) response, v1-v9. v1-v7 answer one group at the top level; they are presented here as one group
 * too, named after the group asked for.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms (v3+)
 * @param groups one per group asked for
 */
public record OffsetFetchResponse(int throttleTimeMs, List<Group> groups) {

    /**
     * @param errorCode the group-level error (v2+), e.g. NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS
     * @param partitions per-partition offsets, flattened, in response order
     */
    public record Group(String groupId, short errorCode, List<PartitionOffset> partitions) {
    }

    /**
     * @param committedOffset the committed offset, or -1 when none is stored
     * @param committedLeaderEpoch the leader epoch stored with it (v5+), or -1
     * @param metadata the text stored with it, may be null
     * @param errorCode e.g. UNSTABLE_OFFSET_COMMIT (v7+)
     */
    public record PartitionOffset(String topic, int partition, long committedOffset, int committedLeaderEpoch,
                                  String metadata, short errorCode) {
    }
}
