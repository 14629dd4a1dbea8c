package io.hpkafka.protocol.message;

import java.util.List;

/**
 * Metadata response body.
 *
 * @param brokers live brokers with the address clients must connect to
 * @param clusterId cluster id, may be null
 * @param controllerId id of the active controller, or -1
 * @param topics the topics asked for
 */
public record MetadataResponse(List<Broker> brokers, String clusterId, int controllerId, List<Topic> topics) {

    /** A broker as advertised: the client connects to {@code host:port}. */
    public record Broker(int nodeId, String host, int port, String rack) {
    }

    /** A topic's partitions, or an error such as UNKNOWN_TOPIC_OR_PARTITION. */
    public record Topic(short errorCode, String name, boolean internal, List<Partition> partitions) {
    }

    /**
     * A partition's leader ({@code -1} when it has none), leader epoch, replicas and in-sync replicas.
     */
    public record Partition(short errorCode, int partition, int leaderId, int leaderEpoch, int[] replicas,
                            int[] isr) {
    }
}
