package io.hpkafka.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's connections: one per broker node id, plus one per seed (negative ids) for bootstrapping. A node whose
 * advertised address changes gets a new connection.
 */
public final class ConnectionPool implements AutoCloseable {

    private final IoLoop loop;
    private final ConnectionSettings settings;
    private final List<BrokerConnection> seeds;
    private final Map<Integer, BrokerConnection> nodes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ConnectionPool(List<BrokerAddress> seedAddresses, IoLoop loop, ConnectionSettings settings) {
        this.loop = loop;
        this.settings = settings;
        List<BrokerConnection> list = new ArrayList<>();
        for (int i = 0; i < seedAddresses.size(); i++) {
            list.add(new BrokerConnection(-1 - i, seedAddresses.get(i), loop, settings));
        }
        this.seeds = List.copyOf(list);
    }

    /** @return the seed connections, in configuration order */
    public List<BrokerConnection> seeds() {
        return seeds;
    }

    /** @return the connection to broker {@code nodeId} at {@code address}, created on first use */
    public BrokerConnection node(int nodeId, BrokerAddress address) {
        BrokerConnection existing = nodes.get(nodeId);
        if (existing != null && existing.address().equals(address)) {
            return existing;
        }
        BrokerConnection created = new BrokerConnection(nodeId, address, loop, settings);
        BrokerConnection raced = existing == null ? nodes.putIfAbsent(nodeId, created)
                : (nodes.replace(nodeId, existing, created) ? null : nodes.get(nodeId));
        if (raced != null) {
            created.close();
            return raced;
        }
        if (existing != null) {
            existing.close();
        }
        if (closed) {
            created.close();
        }
        return created;
    }

    /** @return ms between the latest answered request and its response, over all connections (the largest) */
    public long latestLatencyMs() {
        long max = 0;
        for (BrokerConnection c : nodes.values()) {
            max = Math.max(max, c.lastLatencyMs());
        }
        return max;
    }

    @Override
    public void close() {
        closed = true;
        seeds.forEach(BrokerConnection::close);
        nodes.values().forEach(BrokerConnection::close);
    }
}
