/**
 * Consumer groups on the classic group protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup: API keys 11-14;
 * FindCoordinator 10; OffsetCommit 8 and OffsetFetch 9), protocol type {@code consumer}, so members of this client
 * and of the Java client share a group.
 * <p>
 * One job per class: {@link io.hpkafka.internal.group.GroupMember} runs the membership state machine on one actor;
 * {@code CoordinatorClient} finds the coordinator and forgets it on NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE or a
 * network error; {@code OffsetCommitter} sends commits of processed records one at a time, never below what is known
 * committed; {@code RangeAssignor} and {@code RoundRobinAssignor} compute what the Java client's assignors of the same
 * names compute; {@link io.hpkafka.internal.group.ConsumerProtocol} reads and writes the subscription and assignment
 * bytes. Records are fetched and delivered by {@link io.hpkafka.internal.consumer.FetchEngine}, as in simple mode; the
 * events a member raises are in {@link io.hpkafka.group}.
 */
package io.hpkafka.internal.group;

