package io.hpkafka.internal.network;

import io.hpkafka.config.Compatibility;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.internal.stats.Hooks;

import java.util.concurrent.Executor;

/**
 * What every broker connection of a client shares.
 *
 * @param clientId client id written in request headers
 * @param maxInFlightRequests unanswered requests allowed per connection
 * @param clientRequestTimeoutMs ms after which an unanswered request (or a connect attempt) resets the connection
 * @param sendBufferSize {@code SO_SNDBUF} in bytes
 * @param receiveBufferSize {@code SO_RCVBUF} in bytes
 * @param maxResponseSizeBytes largest response frame accepted, in bytes
 * @param callbackExecutor where responses are decoded and futures completed (never the I/O thread)
 * @param compatibility negotiate versions, or use those a legacy mode pins
 * @param security TLS and SASL of every connection (null: {@link SecurityConfiguration#PLAINTEXT})
 * @param hooks told the latency of every answered request, on the I/O thread (null: none)
 * @param resolver turns broker host names into addresses, all of which are tried (null: {@link HostResolver#SYSTEM})
 */
public record ConnectionSettings(String clientId, int maxInFlightRequests, int clientRequestTimeoutMs,
                                 int sendBufferSize, int receiveBufferSize, int maxResponseSizeBytes,
                                 Executor callbackExecutor, Compatibility compatibility,
                                 SecurityConfiguration security, Hooks hooks, HostResolver resolver) {

    /** A null security means plaintext; null hooks, none; a null resolver, the JVM's. */
    public ConnectionSettings {
        security = security == null ? SecurityConfiguration.PLAINTEXT : security;
        hooks = hooks == null ? Hooks.NONE : hooks;
        resolver = resolver == null ? HostResolver.SYSTEM : resolver;
    }

    /** Settings with the JVM's resolver. */
    public ConnectionSettings(String clientId, int maxInFlightRequests, int clientRequestTimeoutMs,
                              int sendBufferSize, int receiveBufferSize, int maxResponseSizeBytes,
                              Executor callbackExecutor, Compatibility compatibility,
                              SecurityConfiguration security, Hooks hooks) {
        this(clientId, maxInFlightRequests, clientRequestTimeoutMs, sendBufferSize, receiveBufferSize,
                maxResponseSizeBytes, callbackExecutor, compatibility, security, hooks, HostResolver.SYSTEM);
    }

    /** Settings without hooks. */
    public ConnectionSettings(String clientId, int maxInFlightRequests, int clientRequestTimeoutMs,
                              int sendBufferSize, int receiveBufferSize, int maxResponseSizeBytes,
                              Executor callbackExecutor, Compatibility compatibility,
                              SecurityConfiguration security) {
        this(clientId, maxInFlightRequests, clientRequestTimeoutMs, sendBufferSize, receiveBufferSize,
                maxResponseSizeBytes, callbackExecutor, compatibility, security, Hooks.NONE);
    }

    /** Plaintext settings in a given compatibility mode, without hooks. */
    public ConnectionSettings(String clientId, int maxInFlightRequests, int clientRequestTimeoutMs,
                              int sendBufferSize, int receiveBufferSize, int maxResponseSizeBytes,
                              Executor callbackExecutor, Compatibility compatibility) {
        this(clientId, maxInFlightRequests, clientRequestTimeoutMs, sendBufferSize, receiveBufferSize,
                maxResponseSizeBytes, callbackExecutor, compatibility, SecurityConfiguration.PLAINTEXT, Hooks.NONE);
    }

    /** Plaintext settings that negotiate versions ({@link Compatibility#NEGOTIATE}). */
    public ConnectionSettings(String clientId, int maxInFlightRequests, int clientRequestTimeoutMs,
                              int sendBufferSize, int receiveBufferSize, int maxResponseSizeBytes,
                              Executor callbackExecutor) {
        this(clientId, maxInFlightRequests, clientRequestTimeoutMs, sendBufferSize, receiveBufferSize,
                maxResponseSizeBytes, callbackExecutor, Compatibility.NEGOTIATE);
    }
}
