package io.hpkafka.internal.network;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a broker's host name into the addresses to connect to: every one the name resolves to, in the resolver's
 * order (kafka-clients' {@code client.dns.lookup=use_all_dns_ips}, its default since 2.6). Called on the I/O thread
 * when a connection needs a fresh list.
 */
@FunctionalInterface
public interface HostResolver {

    /** The JVM's resolver ({@link InetAddress#getAllByName}), subject to its cache ({@code networkaddress.cache.ttl}). */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /**
     * @param host a host name or literal address
     * @return at least one address
     * @throws UnknownHostException if the name does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
