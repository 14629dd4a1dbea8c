package io.hpkafka.stats;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

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
 * @param seeds the seed addresses the client has a connection to, node id -1 (empty when it has none)
 */
public record ClusterState(List<Broker> brokers, long metadataAgeMs, long lastResponseAgeMs, List<Broker> seeds) {

    /** An age that stands for "not yet": no answer has arrived. */
    public static final long NEVER = -1;

    /**
     * @throws NullPointerException if {@code brokers} or {@code seeds} is null
     */
    public ClusterState {
        brokers = List.copyOf(Objects.requireNonNull(brokers, "brokers"));
        seeds = List.copyOf(Objects.requireNonNull(seeds, "seeds"));
    }

    /**
     * A state without seed connections.
     * @throws NullPointerException if {@code brokers} is null
     */
    public ClusterState(List<Broker> brokers, long metadataAgeMs, long lastResponseAgeMs) {
        this(brokers, metadataAgeMs, lastResponseAgeMs, List.of());
    }

    /**
     * @return whether the client has brokers or seeds and every one of them is {@link Broker#failing() failing}: no
     *     connection is ready and the latest attempt to each failed, so asking the cluster now cannot succeed
     */
    public boolean allConnectionsFailing() {
        if (brokers.isEmpty() && seeds.isEmpty()) {
            return false;
        }
        return brokers.stream().allMatch(Broker::failing) && seeds.stream().allMatch(Broker::failing);
    }

    /** @return the broker or seed whose connection attempt failed last, if any did since its last ready socket */
    public Optional<Broker> latestFailure() {
        return Stream.concat(brokers.stream(), seeds.stream()).filter((b) -> b.lastError() != null)
                .min(Comparator.comparingLong(Broker::lastErrorAgeMs));
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
     * @param lastError why the latest failed attempt to connect to it failed (exception type and message, never a
     *     password), or null when no connection to it has failed an attempt since it was last ready; a ready
     *     socket the broker closes later leaves it null (an idle close is no failure)
     * @param lastErrorAgeMs ms since {@code lastError}, or {@link #NEVER} when it is null
     */
    public record Broker(int nodeId, String host, int port, boolean connected, long lastResponseAgeMs,
                         String lastError, long lastErrorAgeMs) {

        /** A broker without a failed attempt. */
        public Broker(int nodeId, String host, int port, boolean connected, long lastResponseAgeMs) {
            this(nodeId, host, port, connected, lastResponseAgeMs, null, NEVER);
        }

        /** @return whether no connection to it is ready and the latest attempt failed */
        public boolean failing() {
            return !connected && lastError != null;
        }
    }
}
