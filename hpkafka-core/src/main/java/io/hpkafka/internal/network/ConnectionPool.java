package io.hpkafka.internal.network;

import io.hpkafka.config.BrokerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's connections: one per broker node id, plus one per seed (negative ids) for bootstrapping, plus a
 * second one per broker for Fetch requests. A broker answers the requests of one connection in order, and a Fetch
 * may wait up to {@code fetchMaxWaitTimeMs} for data: on a shared connection every Produce, commit or heartbeat behind
 * it would wait too. A node whose advertised address changes gets new connections.
 */
public final class ConnectionPool implements Connections {

    private final IoLoop loop;
    private final ConnectionSettings settings;
    /** Most fetch connections per broker (lanes); a lane is opened only when the ones before it are busy. */
    public static final int FETCH_LANES = 2;

    private final List<BrokerConnection> seeds;
    private final Map<Integer, BrokerConnection> nodes = new ConcurrentHashMap<>();
    /** Fetch connections by node id and lane: {@code nodeId * FETCH_LANES + lane}. */
    private final Map<Long, BrokerConnection> fetchNodes = new ConcurrentHashMap<>();
    /** Connections handed to one owner each (a group member's coordinator connection); closed by release or close. */
    private final Set<BrokerConnection> dedicated = ConcurrentHashMap.newKeySet();
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

    @Override
    public List<BrokerConnection> seeds() {
        return seeds;
    }

    @Override
    public BrokerConnection node(int nodeId, BrokerAddress address) {
        return connection(nodes, nodeId, nodeId, address);
    }

    @Override
    public BrokerConnection fetchNode(int nodeId, int lane, BrokerAddress address) {
        return connection(fetchNodes, (long) nodeId * FETCH_LANES + lane, nodeId, address);
    }

    /** {@inheritDoc} {@link #close()} closes any still open. */
    @Override
    public BrokerConnection dedicated(int nodeId, BrokerAddress address) {
        BrokerConnection created = new BrokerConnection(nodeId, address, loop, settings);
        dedicated.add(created);
        if (closed) {
            created.close();
        }
        return created;
    }

    @Override
    public void release(Connection connection) {
        if (connection instanceof BrokerConnection c && dedicated.remove(c)) {
            c.close();
        }
    }

    private <K> BrokerConnection connection(Map<K, BrokerConnection> byId, K key, int nodeId,
                                            BrokerAddress address) {
        BrokerConnection existing = byId.get(key);
        if (existing != null && existing.address().equals(address)) {
            return existing;
        }
        BrokerConnection created = new BrokerConnection(nodeId, address, loop, settings);
        BrokerConnection raced = existing == null ? byId.putIfAbsent(key, created)
                : (byId.replace(key, existing, created) ? null : byId.get(key));
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

    /**
     * @return every connection open now (seeds, brokers, fetch lanes, dedicated ones), for a look at their state;
     *     a copy, thread-safe
     */
    public List<BrokerConnection> all() {
        List<BrokerConnection> all = new ArrayList<>(seeds);
        all.addAll(nodes.values());
        all.addAll(fetchNodes.values());
        all.addAll(dedicated);
        return all;
    }

    @Override
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
        fetchNodes.values().forEach(BrokerConnection::close);
        dedicated.forEach(BrokerConnection::close);
    }
}
