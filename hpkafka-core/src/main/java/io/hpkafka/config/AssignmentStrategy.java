package io.hpkafka.config;

/**
 * Partition assignment strategies a consumer group member offers, by the names the Java client uses, so members of
 * both clients agree on one (the coordinator picks a strategy every member supports).
 */
public enum AssignmentStrategy {
    /** Per topic, consecutive ranges of partitions to members sorted by id (Java client: {@code RangeAssignor}). */
    RANGE("range"),
    /** All partitions dealt to members in turn (Java client: {@code RoundRobinAssignor}). */
    ROUND_ROBIN("roundrobin");

    private final String protocolName;

    AssignmentStrategy(String protocolName) {
        this.protocolName = protocolName;
    }

    /** @return the protocol name sent in JoinGroup, e.g. {@code range} */
    public String protocolName() {
        return protocolName;
    }
}
