package io.hpkafka.admin;

import io.hpkafka.record.TopicPartition;

import java.util.List;

/**
 * A classic group as its coordinator describes it (DescribeGroups, API key 15).
 *
 * @param groupId the group id
 * @param state e.g. {@code Stable}, {@code PreparingRebalance}, {@code CompletingRebalance}, {@code Empty}
 * @param protocolType {@code consumer} for consumer groups
 * @param protocol the protocol the group chose; for consumer groups the assignor, e.g. {@code range}; empty when
 *     the group has no member
 * @param coordinatorId the broker id of the group's coordinator
 * @param members the members
 */
public record GroupDescription(String groupId, String state, String protocolType, String protocol, int coordinatorId,
                               List<Member> members) {

    public GroupDescription {
        members = List.copyOf(members);
    }

    /**
     * One member of a group.
     *
     * @param memberId the id the coordinator gave the member
     * @param groupInstanceId a static member's id (KIP-345), or null
     * @param clientId the member's client id
     * @param host the member's address as the broker saw it
     * @param assignment the partitions assigned to the member, decoded from the consumer protocol's assignment;
     *     empty while the group rebalances or when the group is not a consumer group
     */
    public record Member(String memberId, String groupInstanceId, String clientId, String host,
                         List<TopicPartition> assignment) {

        public Member {
            assignment = List.copyOf(assignment);
        }
    }
}
