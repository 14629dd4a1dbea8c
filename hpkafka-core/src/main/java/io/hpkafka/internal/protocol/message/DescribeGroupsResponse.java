package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * DescribeGroups (key 15) response, v0-v6.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms (v1+)
 * @param groups one per group asked for
 */
public record DescribeGroupsResponse(int throttleTimeMs, List<Group> groups) {

    /**
     * @param errorCode e.g. NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS; a group that does not exist answers NONE
     *     with state {@code Dead} (GROUP_ID_NOT_FOUND from a KIP-848 coordinator for a group of the new type)
     * @param errorMessage the broker's explanation (v6+), or null
     * @param groupState e.g. {@code Stable}, {@code PreparingRebalance}, {@code Empty}, {@code Dead}
     * @param protocolType {@code consumer} for consumer groups
     * @param protocolData the protocol chosen, for consumers the assignor (e.g. {@code range})
     */
    public record Group(short errorCode, String errorMessage, String groupId, String groupState, String protocolType,
                        String protocolData, List<Member> members) {
    }

    /**
     * @param groupInstanceId a static member's id (v4+), or null
     * @param metadata the member's subscription, in the group protocol's format
     * @param assignment the member's assignment, in the group protocol's format; empty while rebalancing
     */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost,
                         byte[] metadata, byte[] assignment) {
    }
}
