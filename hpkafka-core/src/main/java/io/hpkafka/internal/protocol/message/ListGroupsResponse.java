package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * ListGroups (key 16) response, v0-v5.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms (v1+)
 * @param errorCode e.g. COORDINATOR_LOAD_IN_PROGRESS
 * @param groups the groups this broker coordinates
 */
public record ListGroupsResponse(int throttleTimeMs, short errorCode, List<Group> groups) {

    /**
     * @param protocolType {@code consumer} for consumer groups, empty for groups that only commit offsets
     * @param groupState e.g. {@code Stable}, {@code Empty} (v4+), else empty
     * @param groupType {@code classic} or {@code consumer} (v5+), else empty
     */
    public record Group(String groupId, String protocolType, String groupState, String groupType) {
    }
}
