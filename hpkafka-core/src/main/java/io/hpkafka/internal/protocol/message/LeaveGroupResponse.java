package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * LeaveGroup (key 13) response, v0-v5.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms (v1+)
 * @param errorCode the group-level error
 * @param members per-member results (v3+); empty before
 */
public record LeaveGroupResponse(int throttleTimeMs, short errorCode, List<MemberResult> members) {

    /** One leaving member's result, e.g. UNKNOWN_MEMBER_ID or FENCED_INSTANCE_ID. */
    public record MemberResult(String memberId, String groupInstanceId, short errorCode) {
    }
}
