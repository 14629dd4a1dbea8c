package io.hpkafka.internal.protocol.message;

import java.util.List;
import java.util.UUID;

/**
 * Metadata (key 3) response body, v4-v12 (and v0-v3 in the legacy compatibility modes).
 *
 * @param brokers live brokers with the address clients must connect to
 * @param clusterId cluster id, may be null
 * @param controllerId id of the active controller, or -1
 * @param topics the topics asked for
 * @param throttleTimeMs how long the broker throttled the request, in ms
 */
public record MetadataResponse(List<Broker> brokers, String clusterId, int controllerId, List<Topic> topics,
                               int throttleTimeMs) {

    /** A broker as advertised: the client connects to {@code host:port}; {@code rack} may be null. */
    public record Broker(int nodeId, String host, int port, String rack) {
    }

    /**
     * A topic's partitions, or an error such as UNKNOWN_TOPIC_OR_PARTITION.
     *
     * @param topicId the topic id (v10+), all zero when unknown
     */
    public record Topic(short errorCode, String name, boolean internal, List<Partition> partitions, UUID topicId) {
    }

    /**
     * A partition's leader ({@code -1} when it has none), leader epoch (v7+, else -1), replicas, in-sync replicas and
     * offline replicas (v5+, else empty).
     */
    public record Partition(short errorCode, int partition, int leaderId, int leaderEpoch, int[] replicas,
                            int[] isr, int[] offlineReplicas) {
    }
}
