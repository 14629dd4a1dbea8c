package io.hpkafka.internal.network;

import io.hpkafka.config.BrokerAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The socket addresses of one broker: all that its host name resolves to, tried in turn. A connection that fails
 * moves on to the next address for its next attempt; after the last one the name is resolved again, so a broker or
 * seed whose DNS entry changed is found at its new address (KIP-1102's re-bootstrap relies on it for the seeds).
 * <p>
 * Thread rule: used by one {@link BrokerConnection}, on the I/O thread only.
 */
final class BrokerAddresses {

    private final BrokerAddress address;
    private final HostResolver resolver;
    private InetAddress[] resolved;
    private int next;

    BrokerAddresses(BrokerAddress address, HostResolver resolver) {
        this.address = address;
        this.resolver = resolver;
    }

    /**
     * @return the address to connect to now
     * @throws UnknownHostException if the host name does not resolve (or resolves to nothing)
     */
    InetSocketAddress current() throws UnknownHostException {
        if (resolved == null) {
            InetAddress[] all = resolver.resolve(address.host());
            if (all == null || all.length == 0) {
                throw new UnknownHostException(address.host() + " resolves to no address");
            }
            resolved = all;
            next = 0;
        }
        return new InetSocketAddress(resolved[next], address.port());
    }

    /** The attempt on {@link #current()} failed, or its connection broke: the next address is tried next time. */
    void failed() {
        if (resolved != null && ++next >= resolved.length) {
            resolved = null; // all tried: resolve the name again
        }
    }

    /** @return how many addresses the name resolved to last, 0 before the first attempt or after the last one */
    int count() {
        return resolved == null ? 0 : resolved.length;
    }
}
