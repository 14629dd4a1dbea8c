package io.hpkafka.stats;

import java.util.List;
import java.util.Objects;

/**
 * What a client knows of its cluster at one moment, taken without a request and without waiting: the brokers of the
 * latest Metadata answer, whether the client has a ready connection to each, and how long ago brokers last answered.
 * Health checks read it; the client's own behaviour does not depend on it.
 * <p>
 * Ages are in ms, measured on the monotonic clock when the snapshot is taken; {@link #NEVER} stands for "not yet".
 * An answer is any response frame (ApiVersions, Metadata, Produce, Fetch, group requests), on any connection.
 *
 * @param brokers the brokers of the latest Metadata answer, by node id; empty before the first
 * @param metadataAgeMs ms since the latest Metadata answer, or {@link #NEVER}; the client refreshes it every
 *     {@code refreshMetadataInterval} and whenever it meets an unknown topic or a moved leader
 * @param lastResponseAgeMs ms since any broker (a seed included) last answered this client, or {@link #NEVER}
 */
public record ClusterState(List<Broker> brokers, long metadataAgeMs, long lastResponseAgeMs) {

    /** An age that stands for "not yet": no answer has arrived. */
    public static final long NEVER = -1;

    /**
     * @throws NullPointerException if {@code brokers} is null
     */
    public ClusterState {
        brokers = List.copyOf(Objects.requireNonNull(brokers, "brokers"));
    }

    /**
     * @return whether some broker answered within the last {@code maxAgeMs} ms
     */
    public boolean answeredWithin(long maxAgeMs) {
        return lastResponseAgeMs != NEVER && lastResponseAgeMs <= maxAgeMs;
    }

    /**
     * One broker of the latest Metadata answer, as the client sees it.
     *
     * @param nodeId the broker's node id
     * @param host the host it advertises
     * @param port the port it advertises
     * @param connected whether the client has a connection to it that is open and ready (versions negotiated)
     * @param lastResponseAgeMs ms since it last answered on any of the client's connections to it, or {@link #NEVER}
     */
    public record Broker(int nodeId, String host, int port, boolean connected, long lastResponseAgeMs) {
    }
}
