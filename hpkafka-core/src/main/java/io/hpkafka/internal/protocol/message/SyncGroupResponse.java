package io.hpkafka.internal.protocol.message;

/**
 * SyncGroup (key 14) response, v0-v5.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms (v1+)
 * @param errorCode e.g. REBALANCE_IN_PROGRESS (join again), ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID
 * @param protocolType the group's protocol type (v5+), may be null
 * @param protocolName the chosen assignment strategy (v5+), may be null
 * @param assignment this member's assignment, opaque to the broker
 */
public record SyncGroupResponse(int throttleTimeMs, short errorCode, String protocolType, String protocolName,
                                byte[] assignment) {
}
