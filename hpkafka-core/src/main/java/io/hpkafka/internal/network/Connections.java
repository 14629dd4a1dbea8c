package io.hpkafka.internal.network;

import io.hpkafka.config.BrokerAddress;
import java.util.List;

/**
 * The connections of one client, as the engines ask for them. {@link ConnectionPool} opens sockets; unit tests of the
 * engines use an in-memory set.
 */
public interface Connections extends AutoCloseable {

    /** @return the seed connections, in configuration order */
    List<? extends Connection> seeds();

    /** @return the shared connection to broker {@code nodeId} at {@code address}, created on first use */
    Connection node(int nodeId, BrokerAddress address);

    /**
     * @param lane which of the broker's fetch connections, from 0 (see {@code FetchEngine}: a second lets a consumer
     *     fetch while another consumer's long poll waits on the first)
     * @return a connection that carries only Fetch requests to broker {@code nodeId}, created on first use
     */
    Connection fetchNode(int nodeId, int lane, BrokerAddress address);

    /**
     * Opens a connection that belongs to the caller alone (a group member's connection to its coordinator, where a
     * JoinGroup may wait for the whole rebalance timeout). The caller hands it back with {@link #release}.
     */
    Connection dedicated(int nodeId, BrokerAddress address);

    /** Closes a connection from {@link #dedicated}; its requests in flight fail. */
    void release(Connection connection);

    /** @return ms between the latest answered request and its response, over the shared connections (the largest) */
    long latestLatencyMs();

    /** Closes every connection; pending requests fail. */
    @Override
    void close();
}
