package io.hpkafka.internal.cluster;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.network.BrokerConnection;
import io.hpkafka.internal.network.ConnectionPool;
import io.hpkafka.stats.ClusterState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Takes a {@link ClusterState} from what the metadata and the connections already hold: reads volatile fields only,
 * sends nothing, never blocks. Connection ages come from {@link System#nanoTime()}, as the connections stamp them.
 */
public final class ClusterStates {

    private ClusterStates() {
    }

    /** @return the state of the cluster as {@code metadata} and {@code connections} know it now */
    public static ClusterState snapshot(MetadataManager metadata, ConnectionPool connections) {
        long now = System.nanoTime();
        List<BrokerConnection> open = connections.all();
        long anyAnswer = BrokerConnection.NEVER;
        for (BrokerConnection c : open) {
            anyAnswer = latest(anyAnswer, c.lastResponseNanos());
        }
        List<ClusterState.Broker> brokers = new ArrayList<>();
        Map<Integer, BrokerAddress> known = new TreeMap<>(metadata.current().brokers());
        for (Map.Entry<Integer, BrokerAddress> e : known.entrySet()) {
            // A broker has several connections (shared, fetch lanes, a coordinator's, a seed's at its address);
            // any of them counts.
            brokers.add(broker(now, e.getKey(), e.getValue(), open.stream()
                    .filter(c -> (c.nodeId() == e.getKey() || c.nodeId() < 0) && c.address().equals(e.getValue()))
                    .toList()));
        }
        List<ClusterState.Broker> seeds = new ArrayList<>();
        for (BrokerConnection c : open) {
            if (c.nodeId() < 0) {
                seeds.add(broker(now, -1, c.address(), List.of(c)));
            }
        }
        return new ClusterState(brokers, metadata.ageMs(), ageMs(now, anyAnswer), seeds);
    }

    private static ClusterState.Broker broker(long now, int nodeId, BrokerAddress address,
                                              List<BrokerConnection> connections) {
        boolean ready = false;
        long answer = BrokerConnection.NEVER;
        String error = null;
        long errorNanos = BrokerConnection.NEVER;
        for (BrokerConnection c : connections) {
            ready |= c.isReady();
            answer = latest(answer, c.lastResponseNanos());
            long at = c.lastAttemptErrorNanos();
            String message = c.lastAttemptError();
            if (message != null && latest(errorNanos, at) == at) {
                error = message;
                errorNanos = at;
            }
        }
        return new ClusterState.Broker(nodeId, address.host(), address.port(), ready, ageMs(now, answer),
                error, error == null ? ClusterState.NEVER : ageMs(now, errorNanos));
    }

    private static long latest(long a, long b) {
        if (a == BrokerConnection.NEVER) {
            return b;
        }
        return b == BrokerConnection.NEVER || b - a < 0 ? a : b;
    }

    private static long ageMs(long now, long nanos) {
        return nanos == BrokerConnection.NEVER ? ClusterState.NEVER
                : Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - nanos));
    }
}
