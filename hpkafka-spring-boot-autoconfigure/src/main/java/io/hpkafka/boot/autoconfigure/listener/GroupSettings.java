package io.hpkafka.boot.autoconfigure.listener;

import java.time.Duration;
import java.util.List;

import io.hpkafka.config.AssignmentStrategy;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import org.jspecify.annotations.Nullable;

/**
 * The consumer-group settings listener containers start from ({@code hpkafka.consumer.*}).
 * @param groupId the default group id, or null (listeners without one run in simple mode)
 * @param defaultOffset where a partition without a committed offset starts (and where simple mode starts)
 * @param sessionTimeout the session timeout
 * @param rebalanceTimeout the rebalance timeout
 * @param heartbeatInterval the heartbeat interval, or null for a third of the session timeout, at most 3 s
 * @param assignmentStrategies the assignors offered, in preference order
 * @param offsetRetention how long the broker keeps committed offsets, or null for its default
 * @param coordinatorDiscoveryRetryTime the pause between two attempts to find the group coordinator
 */
public record GroupSettings(@Nullable String groupId, DefaultOffset defaultOffset, Duration sessionTimeout,
        Duration rebalanceTimeout, @Nullable Duration heartbeatInterval, List<AssignmentStrategy> assignmentStrategies,
        @Nullable Duration offsetRetention, Duration coordinatorDiscoveryRetryTime) {

    /**
     * The settings of a group configuration (the listener containers' commit settings aside, which they own).
     * @param groupId the default group id, or null
     * @param configuration the group configuration, e.g. the one from {@code hpkafka.consumer.*}
     * @return the settings
     */
    public static GroupSettings of(@Nullable String groupId, ConsumerGroupConfiguration configuration) {
        return new GroupSettings(groupId, configuration.defaultOffset(), configuration.sessionTimeout(),
                configuration.rebalanceTimeout(), configuration.heartbeatInterval(),
                configuration.assignmentStrategies(), configuration.offsetRetention(),
                configuration.coordinatorDiscoveryRetryTime());
    }

    /**
     * The settings of a group-mode listener container: these, with {@code defaultOffset}, and commits left to the
     * container (marked commits, no automatic commit).
     * @param defaultOffset where a partition without a committed offset starts
     * @return the configuration
     * @throws io.hpkafka.config.InvalidConfigurationException naming the first invalid option
     */
    ConsumerGroupConfiguration toConfiguration(DefaultOffset defaultOffset) {
        return ConsumerGroupConfiguration.builder()
            .sessionTimeout(this.sessionTimeout)
            .rebalanceTimeout(this.rebalanceTimeout)
            .heartbeatInterval(this.heartbeatInterval)
            .assignmentStrategies(this.assignmentStrategies)
            .offsetRetention(this.offsetRetention)
            .coordinatorDiscoveryRetryTime(this.coordinatorDiscoveryRetryTime)
            .defaultOffset(defaultOffset)
            .autoCommitEveryMs(0)
            .commitMarkedOnly(true)
            .build();
    }

}
