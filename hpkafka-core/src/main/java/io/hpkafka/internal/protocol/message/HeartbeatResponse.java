package io.hpkafka.internal.protocol.message;

/**
 * Heartbeat (key 12) response, v0-v4.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms (v1+)
 * @param errorCode e.g. REBALANCE_IN_PROGRESS (rejoin), ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID
 */
public record HeartbeatResponse(int throttleTimeMs, short errorCode) {
}
