package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * JoinGroup (key 11) response, v0-v9.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms (v2+)
 * @param errorCode e.g. MEMBER_ID_REQUIRED (rejoin with {@code memberId}), UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS
 * @param generationId the group generation this join belongs to, or -1
 * @param protocolType the group's protocol type (v7+, KIP-559), may be null
 * @param protocolName the chosen assignment strategy; null on error from v7
 * @param leader the member id of the leader, who computes the assignment
 * @param skipAssignment whether the leader must skip computing the assignment because the broker does it (v9+,
 *     KIP-814)
 * @param memberId this member's id
 * @param members the group's members with their metadata: given to the leader only, empty for the others
 */
public record JoinGroupResponse(int throttleTimeMs, short errorCode, int generationId, String protocolType,
                                String protocolName, String leader, boolean skipAssignment, String memberId,
                                List<Member> members) {

    /**
     * @param groupInstanceId a static member's id (v5+), or null
     * @param metadata the member's metadata for the chosen strategy
     */
    public record Member(String memberId, String groupInstanceId, byte[] metadata) {
    }

    /** @return whether this member leads the group (computes and sends the assignment in SyncGroup) */
    public boolean isLeader() {
        return memberId != null && memberId.equals(leader);
    }
}
