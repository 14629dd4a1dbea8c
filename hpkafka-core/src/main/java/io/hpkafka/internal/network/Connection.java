package io.hpkafka.internal.network;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.protocol.Request;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * What the engines see of a connection to one broker: requests in, decoded responses out. {@link BrokerConnection} is
 * the socket; unit tests of the engines' state machines put an in-memory one in its place (never in place of a broker
 * in an integration test).
 */
public interface Connection {

    /** @return the node id this connection was made for (negative for a seed) */
    int nodeId();

    /** @return the broker's address */
    BrokerAddress address();

    /**
     * Queues a request; requests of one connection are answered in the order they were sent.
     *
     * @return a future of the decoded response, {@code null} for a request the broker does not answer (once written),
     *     or failing with a {@link NetworkException}, {@link UnsupportedVersionException} or
     *     {@link io.hpkafka.internal.protocol.ProtocolException}
     */
    <R> CompletableFuture<R> send(Request<R> request);

    /**
     * Gives back a response frame a decoder kept (see {@link Request#retainsFrame()}), once nothing refers to its
     * bytes. Thread-safe.
     */
    void releaseFrame(ByteBuffer frame);
}
