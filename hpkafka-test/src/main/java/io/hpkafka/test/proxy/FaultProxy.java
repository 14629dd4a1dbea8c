package io.hpkafka.test.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on the loopback interface that forwards Kafka connections to one broker and injects faults: delay,
 * cut, black-hole, corrupt and truncate, each per direction ({@link #toBroker()}, {@link #toClient()}). It reads the
 * stream as Kafka frames (a 4-byte size, then the request or response), so a fault hits whole frames and can pick
 * the responses of one API (for example only Fetch responses).
 *
 * <p>For the client to stay behind the proxy, the broker must advertise the proxy's address: see
 * {@code EmbeddedKafkaCluster.Builder#faultProxies()}, which puts one proxy in front of each broker and keeps it
 * across broker restarts.
 *
 * <p>Thread rule: every method is thread-safe. Each proxied connection has two threads of its own (one per
 * direction) with blocking sockets; this is test code, where clarity beats scale.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Direction toBroker = new Direction("client->broker");
    private final Direction toClient = new Direction("broker->client");
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean refuse;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, int port) throws IOException {
        this.target = target;
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + server.getLocalPort() + "-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /**
     * Starts a proxy on {@code 127.0.0.1} at a free port.
     *
     * @param targetHost the broker's host
     * @param targetPort the broker's port
     * @return the running proxy; the caller closes it
     * @throws UncheckedIOException if no port can be bound
     */
    public static FaultProxy start(String targetHost, int targetPort) {
        return start(0, targetHost, targetPort);
    }

    /**
     * Starts a proxy on {@code 127.0.0.1:port}.
     *
     * @param port the port to listen on, 0 for a free one
     * @param targetHost the broker's host
     * @param targetPort the broker's port
     * @return the running proxy; the caller closes it
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static FaultProxy start(int port, String targetHost, int targetPort) {
        try {
            return new FaultProxy(new InetSocketAddress(targetHost, targetPort), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** @return the port the proxy listens on (127.0.0.1) */
    public int port() {
        return server.getLocalPort();
    }

    /** @return {@code 127.0.0.1:port}, for bootstrap servers or an advertised listener */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** @return the faults of requests, from the client to the broker */
    public Direction toBroker() {
        return toBroker;
    }

    /** @return the faults of responses, from the broker to the client */
    public Direction toClient() {
        return toClient;
    }

    /**
     * Closes every proxied connection now, both sockets, as a broken network would; new connections are accepted
     * (unless {@link #refuseConnections(boolean)}).
     *
     * @return how many connections were cut
     */
    public int cutConnections() {
        int cut = 0;
        for (Link link : links) {
            link.close();
            cut++;
        }
        return cut;
    }

    /**
     * @param refuse true: new connections are accepted and closed at once (the broker looks down); false: forwarded
     */
    public void refuseConnections(boolean refuse) {
        this.refuse = refuse;
    }

    /** @return the connections open through the proxy now */
    public int openConnections() {
        return links.size();
    }

    /** @return the connections accepted since the start (refused ones included) */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Turns every fault off in both directions and accepts connections again; open connections stay. */
    public void heal() {
        refuse = false;
        toBroker.heal();
        toClient.heal();
    }

    /** Stops listening and closes every connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing proxy socket {}", port(), e);
        }
        cutConnections();
    }

    @Override
    public String toString() {
        return "FaultProxy{" + address() + " -> " + target.getHostString() + ":" + target.getPort() + "}";
    }

    void remove(Link link) {
        links.remove(link);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{}: accept failed", this, e);
                }
                return;
            }
            accepted.incrementAndGet();
            if (refuse) {
                Link.closeQuietly(client);
                continue;
            }
            try {
                Socket broker = new Socket();
                broker.connect(target, 5_000);
                Link link = new Link(this, client, broker, toBroker, toClient);
                links.add(link);
                link.start();
            } catch (IOException e) {
                log.debug("{}: broker unreachable, closing the client's connection: {}", this, e.toString());
                Link.closeQuietly(client);
            }
        }
    }
}
