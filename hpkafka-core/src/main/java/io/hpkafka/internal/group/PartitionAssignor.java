package io.hpkafka.internal.group;

import io.hpkafka.record.TopicPartition;
import io.hpkafka.config.AssignmentStrategy;

import java.util.List;
import java.util.Map;

/**
 * Computes a group's assignment on the leader (classic protocol: the leader assigns, the coordinator only relays in
 * SyncGroup). Pure: the same input gives the same output on any member.
 */
interface PartitionAssignor {

    /**
     * @param subscriptions every member's subscribed topics, by member id
     * @param partitionsPerTopic partition count of every subscribed topic that exists; others are skipped
     * @return every member's partitions, by member id; every member has an entry, possibly empty
     */
    Map<String, List<TopicPartition>> assign(Map<String, List<String>> subscriptions,
                                             Map<String, Integer> partitionsPerTopic);

    /** @return the assignor of {@code strategy} */
    static PartitionAssignor of(AssignmentStrategy strategy) {
        return switch (strategy) {
            case RANGE -> new RangeAssignor();
            case ROUND_ROBIN -> new RoundRobinAssignor();
        };
    }
}
