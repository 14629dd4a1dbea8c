package io.hpkafka.testing;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.network.Connection;
import io.hpkafka.internal.network.Connections;
import io.hpkafka.internal.network.NetworkException;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.message.FindCoordinatorRequest;
import io.hpkafka.internal.protocol.message.FindCoordinatorResponse;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory connection layer for unit tests of the engines' state machines (never in place of a broker in an
 * integration test). Metadata and FindCoordinator requests are answered at once from a cluster of one broker (node 0)
 * whose topics the test declares; every other request waits, in order, until the test takes it and answers it
 * (or fails it, as a broken connection would). Not thread-safe: the engines run on a direct executor.
 */
public final class InMemoryConnections implements Connections {

    /** The one broker's node id. */
    public static final int NODE = 0;
    /** The one broker's address. */
    public static final BrokerAddress ADDRESS = new BrokerAddress("broker-0", 9092);

    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private final java.util.Set<String> internalTopics = new java.util.HashSet<>();
    private final List<Exchange<?>> waiting = new ArrayList<>();
    private final List<FakeConnection> seeds = List.of(new FakeConnection(-1, ADDRESS, "seed"));
    private final Map<String, FakeConnection> shared = new LinkedHashMap<>();
    private int dedicatedOpened;
    private int dedicatedOpen;

    /** Declares a topic of {@code partitions} partitions, all led by node 0. */
    public InMemoryConnections topic(String name, int partitions) {
        topics.put(name, partitions);
        return this;
    }

    /** Declares an internal topic (answered with {@code is_internal}), such as {@code __consumer_offsets}. */
    public InMemoryConnections internalTopic(String name, int partitions) {
        internalTopics.add(name);
        return topic(name, partitions);
    }

    /** A request and the future of its answer. */
    public record Exchange<R>(Connection connection, Request<R> request, CompletableFuture<R> future) {
        /** Answers the request. */
        public void answer(R response) {
            future.complete(response);
        }

        /** Fails the request as a broken connection does. */
        public void fail() {
            future.completeExceptionally(new NetworkException(connection.address(), "connection lost", true, null));
        }
    }

    /**
     * Takes the oldest waiting request of {@code type}.
     *
     * @throws AssertionError if none waits
     */
    @SuppressWarnings("unchecked")
    public <R, Q extends Request<R>> Exchange<R> take(Class<Q> type) {
        for (Iterator<Exchange<?>> it = waiting.iterator(); it.hasNext(); ) {
            Exchange<?> e = it.next();
            if (type.isInstance(e.request())) {
                it.remove();
                return (Exchange<R>) e;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " waits; waiting: " + waiting);
    }

    /** @return how many requests of {@code type} wait for an answer */
    public int waiting(Class<?> type) {
        return (int) waiting.stream().filter(e -> type.isInstance(e.request())).count();
    }

    /** @return connections opened with {@link #dedicated} so far, and still open */
    public int dedicatedOpen() {
        return dedicatedOpen;
    }

    @Override
    public List<? extends Connection> seeds() {
        return seeds;
    }

    @Override
    public Connection node(int nodeId, BrokerAddress address) {
        return shared.computeIfAbsent("node-" + nodeId, k -> new FakeConnection(nodeId, address, k));
    }

    @Override
    public Connection fetchNode(int nodeId, int lane, BrokerAddress address) {
        return shared.computeIfAbsent("fetch-" + nodeId + "-" + lane, k -> new FakeConnection(nodeId, address, k));
    }

    @Override
    public Connection dedicated(int nodeId, BrokerAddress address) {
        dedicatedOpened++;
        dedicatedOpen++;
        return new FakeConnection(nodeId, address, "dedicated-" + dedicatedOpened); // a name for toString
    }

    @Override
    public void release(Connection connection) {
        dedicatedOpen--;
    }

    @Override
    public long latestLatencyMs() {
        return 0;
    }

    @Override
    public void close() {
    }

    private Object autoAnswer(Request<?> request) {
        if (request instanceof MetadataRequest m) {
            List<MetadataResponse.Topic> answered = new ArrayList<>();
            List<String> asked = m.topics() == null ? List.copyOf(topics.keySet()) : m.topics();
            for (String name : asked) {
                Integer count = topics.get(name);
                List<MetadataResponse.Partition> partitions = new ArrayList<>();
                for (int p = 0; count != null && p < count; p++) {
                    partitions.add(new MetadataResponse.Partition(Errors.NONE, p, NODE, 0, new int[] {NODE},
                            new int[] {NODE}, new int[0]));
                }
                answered.add(new MetadataResponse.Topic(count == null ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.NONE,
                        name, internalTopics.contains(name), partitions, new UUID(0, 0)));
            }
            return new MetadataResponse(List.of(new MetadataResponse.Broker(NODE, ADDRESS.host(), ADDRESS.port(),
                    null)), "in-memory", NODE, answered, 0);
        }
        if (request instanceof FindCoordinatorRequest f) {
            return new FindCoordinatorResponse(0, List.of(new FindCoordinatorResponse.Coordinator(f.keys().get(0),
                    NODE, ADDRESS.host(), ADDRESS.port(), Errors.NONE, null)));
        }
        return null;
    }

    private final class FakeConnection implements Connection {
        private final int nodeId;
        private final BrokerAddress address;
        private final String name;

        FakeConnection(int nodeId, BrokerAddress address, String name) {
            this.nodeId = nodeId;
            this.address = address;
            this.name = name;
        }

        @Override
        public int nodeId() {
            return nodeId;
        }

        @Override
        public BrokerAddress address() {
            return address;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> CompletableFuture<R> send(Request<R> request) {
            CompletableFuture<R> future = new CompletableFuture<>();
            Object answer = autoAnswer(request);
            if (answer != null) {
                future.complete((R) answer);
            } else {
                waiting.add(new Exchange<>(this, request, future));
            }
            return future;
        }

        @Override
        public void releaseFrame(ByteBuffer frame) {
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
