package io.hpkafka.config;

import java.time.Duration;
import java.util.List;

/**
 * Settings of one consumer group subscription ({@link io.hpkafka.ClusterClient#subscribe}). Build one with
 * {@link #builder()}; {@link Builder#build()} validates every option and throws {@link InvalidConfigurationException}
 * naming the first bad one.
 * <p>
 * The member runs the classic group protocol (JoinGroup / SyncGroup / Heartbeat / LeaveGroup, API keys 11-14) with
 * protocol type {@code consumer}, so Java-client members can share the group.
 */
public final class ConsumerGroupConfiguration {

    private final Duration sessionTimeout;
    private final Duration rebalanceTimeout;
    private final Duration heartbeatInterval;
    private final int autoCommitEveryMs;
    private final Duration offsetRetention;
    private final DefaultOffset defaultOffset;
    private final Duration coordinatorDiscoveryRetryTime;
    private final List<AssignmentStrategy> assignmentStrategies;
    private final boolean commitMarkedOnly;

    private ConsumerGroupConfiguration(Builder b) {
        this.sessionTimeout = millisInt("sessionTimeout", b.sessionTimeout);
        this.rebalanceTimeout = millisInt("rebalanceTimeout", b.rebalanceTimeout);
        // Unset: 3 s as in the Java client, or a third of a shorter session timeout.
        this.heartbeatInterval = millisInt("heartbeatInterval", b.heartbeatInterval != null ? b.heartbeatInterval
                : Duration.ofMillis(Math.max(1, Math.min(3000, sessionTimeout.toMillis() / 3))));
        if (heartbeatInterval.compareTo(sessionTimeout) >= 0) {
            // A member that heartbeats less often than the session timeout is removed between two heartbeats.
            throw new InvalidConfigurationException("heartbeatInterval", "must be shorter than sessionTimeout ("
                    + sessionTimeout.toMillis() + " ms), got " + heartbeatInterval.toMillis() + " ms");
        }
        this.autoCommitEveryMs = b.autoCommitEveryMs <= 0 ? -1 : b.autoCommitEveryMs;
        if (b.offsetRetention != null && (b.offsetRetention.isNegative() || b.offsetRetention.isZero())) {
            throw new InvalidConfigurationException("offsetRetention",
                    "must be positive, or null for the broker's default, got " + b.offsetRetention);
        }
        this.offsetRetention = b.offsetRetention;
        if (b.defaultOffset == null) {
            throw new InvalidConfigurationException("defaultOffset", "must not be null");
        }
        this.defaultOffset = b.defaultOffset;
        this.coordinatorDiscoveryRetryTime = millisInt("coordinatorDiscoveryRetryTime",
                b.coordinatorDiscoveryRetryTime);
        if (b.assignmentStrategies == null || b.assignmentStrategies.isEmpty()
                || b.assignmentStrategies.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidConfigurationException("assignmentStrategies", "must name at least one strategy");
        }
        this.assignmentStrategies = List.copyOf(b.assignmentStrategies);
        this.commitMarkedOnly = b.commitMarkedOnly;
    }

    /** @return a builder holding every default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return how long the coordinator waits for a heartbeat before it removes the member and gives its partitions to
     *     others; default 30 s. Brokers accept {@code group.min.session.timeout.ms} (6 s) to
     *     {@code group.max.session.timeout.ms} (30 min) by default. Java client: {@code session.timeout.ms}.
     */
    public Duration sessionTimeout() { return sessionTimeout; }

    /**
     * @return how long the coordinator waits for every member to rejoin during a rebalance: the time a member has to
     *     finish the record in hand and commit before giving its partitions up; default 20 s. Java client:
     *     {@code max.poll.interval.ms}. A JoinGroup may wait that long for an answer, so keep it below the client's
     *     {@code clientRequestTimeoutMs} or a slow rebalance resets the coordinator connection (the member then
     *     joins again).
     */
    public Duration rebalanceTimeout() { return rebalanceTimeout; }

    /**
     * @return the period of heartbeats, which is also how fast a member learns of a rebalance; shorter than the
     *     session timeout; default 3 s, or a third of a session timeout under 9 s. Java client:
     *     {@code heartbeat.interval.ms}.
     */
    public Duration heartbeatInterval() { return heartbeatInterval; }

    /**
     * @return the period of automatic commits of processed records, in ms, or -1 when only {@code commit()} commits;
     *     default 5000. Java client: {@code auto.commit.interval.ms}.
     */
    public int autoCommitEveryMs() { return autoCommitEveryMs; }

    /**
     * @return how long the broker keeps the group's committed offsets, or null for the broker's
     *     {@code offsets.retention.minutes} (the default). Sent with OffsetCommit v2-v4 only: brokers from Kafka 2.1
     *     (KIP-211, OffsetCommit v5+) always apply their own retention.
     */
    public Duration offsetRetention() { return offsetRetention; }

    /**
     * @return where to start a partition the group has no committed offset for; default LATEST. Java client:
     *     {@code auto.offset.reset}.
     */
    public DefaultOffset defaultOffset() { return defaultOffset; }

    /**
     * @return pause between two attempts to find the group coordinator (FindCoordinator, API key 10) while none
     *     answers; default 1 s
     */
    public Duration coordinatorDiscoveryRetryTime() { return coordinatorDiscoveryRetryTime; }

    /**
     * @return the assignment strategies offered, in preference order; default RANGE then ROUND_ROBIN. Java client:
     *     {@code partition.assignment.strategy}.
     */
    public List<AssignmentStrategy> assignmentStrategies() { return assignmentStrategies; }

    /**
     * @return whether commits carry only what the application marked processed
     *     ({@link io.hpkafka.KafkaConsumer#markProcessed}) instead of every record its listeners returned from; default
     *     false. When true, every commit (automatic, {@code commit()}, before partitions are given up, on close)
     *     carries per partition the highest offset marked plus one, and a partition with no mark is not committed: for
     *     listeners that hand records to other threads and finish them later, or out of order. franz-go:
     *     {@code AutoCommitMarks}.
     */
    public boolean commitMarkedOnly() { return commitMarkedOnly; }

    private static Duration millisInt(String option, Duration value) {
        if (value == null) {
            throw new InvalidConfigurationException(option, "must not be null");
        }
        if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
            // Sent as int32 ms on the wire (JoinGroup), or used as a timer period.
            throw new InvalidConfigurationException(option, "must be between 1 ms and " + Integer.MAX_VALUE
                    + " ms, got " + value.toMillis() + " ms");
        }
        return value;
    }

    /** Mutable holder of the options; every field starts at its default. */
    public static final class Builder {
        private Duration sessionTimeout = Duration.ofSeconds(30);
        private Duration rebalanceTimeout = Duration.ofSeconds(20);
        private Duration heartbeatInterval;
        private int autoCommitEveryMs = 5000;
        private Duration offsetRetention;
        private DefaultOffset defaultOffset = DefaultOffset.LATEST;
        private Duration coordinatorDiscoveryRetryTime = Duration.ofSeconds(1);
        private List<AssignmentStrategy> assignmentStrategies =
                List.of(AssignmentStrategy.RANGE, AssignmentStrategy.ROUND_ROBIN);
        private boolean commitMarkedOnly;

        private Builder() {
        }

        /** @param timeout coordinator-side session timeout */
        public Builder sessionTimeout(Duration timeout) { this.sessionTimeout = timeout; return this; }
        /** @param timeout time allowed to rejoin during a rebalance */
        public Builder rebalanceTimeout(Duration timeout) { this.rebalanceTimeout = timeout; return this; }
        /** @param interval heartbeat period, shorter than the session timeout; null for the default */
        public Builder heartbeatInterval(Duration interval) { this.heartbeatInterval = interval; return this; }
        /** @param ms auto-commit period in ms; {@code <= 0} disables auto-commit */
        public Builder autoCommitEveryMs(int ms) { this.autoCommitEveryMs = ms; return this; }
        /** @param retention committed offsets' retention, or null for the broker's default */
        public Builder offsetRetention(Duration retention) { this.offsetRetention = retention; return this; }
        /** @param offset start of a partition without a committed offset */
        public Builder defaultOffset(DefaultOffset offset) { this.defaultOffset = offset; return this; }
        /** @param time pause between coordinator lookups */
        public Builder coordinatorDiscoveryRetryTime(Duration time) { this.coordinatorDiscoveryRetryTime = time; return this; }
        /** @param strategies assignment strategies in preference order, at least one */
        public Builder assignmentStrategies(List<AssignmentStrategy> strategies) { this.assignmentStrategies = strategies; return this; }
        /** @param markedOnly whether commits carry only offsets marked processed; see {@link #commitMarkedOnly()} */
        public Builder commitMarkedOnly(boolean markedOnly) { this.commitMarkedOnly = markedOnly; return this; }

        /**
         * @return the validated configuration
         * @throws InvalidConfigurationException naming the first option whose value is invalid
         */
        public ConsumerGroupConfiguration build() {
            return new ConsumerGroupConfiguration(this);
        }
    }

    @Override
    public String toString() {
        return "ConsumerGroupConfiguration{sessionTimeout=" + sessionTimeout + ", rebalanceTimeout=" + rebalanceTimeout
                + ", heartbeatInterval=" + heartbeatInterval + ", autoCommitEveryMs=" + autoCommitEveryMs
                + ", defaultOffset=" + defaultOffset + ", assignmentStrategies=" + assignmentStrategies
                + ", commitMarkedOnly=" + commitMarkedOnly + '}';
    }
}
