package io.hpkafka.admin;

/**
 * A group as ListGroups (API key 16) names it.
 *
 * @param groupId the group id
 * @param protocolType {@code consumer} for consumer groups; empty for a group that only stores offsets
 * @param state e.g. {@code Stable}, {@code Empty} (brokers 2.6+), else empty
 * @param type {@code classic} or {@code consumer} (KIP-848; brokers 3.8+), else empty
 */
public record GroupListing(String groupId, String protocolType, String state, String type) {
}
