package io.hpkafka.internal.network;

import io.hpkafka.config.Compatibility;
import io.hpkafka.config.SecurityConfiguration;

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
 */
public record ConnectionSettings(String clientId, int maxInFlightRequests, int clientRequestTimeoutMs,
                                 int sendBufferSize, int receiveBufferSize, int maxResponseSizeBytes,
                                 Executor callbackExecutor, Compatibility compatibility,
                                 SecurityConfiguration security) {

    /** A null security means plaintext. */
    public ConnectionSettings {
        security = security == null ? SecurityConfiguration.PLAINTEXT : security;
    }

    /** Plaintext settings in a given compatibility mode. */
    public ConnectionSettings(String clientId, int maxInFlightRequests, int clientRequestTimeoutMs,
                              int sendBufferSize, int receiveBufferSize, int maxResponseSizeBytes,
                              Executor callbackExecutor, Compatibility compatibility) {
        this(clientId, maxInFlightRequests, clientRequestTimeoutMs, sendBufferSize, receiveBufferSize,
                maxResponseSizeBytes, callbackExecutor, compatibility, SecurityConfiguration.PLAINTEXT);
    }

    /** Plaintext settings that negotiate versions ({@link Compatibility#NEGOTIATE}). */
    public ConnectionSettings(String clientId, int maxInFlightRequests, int clientRequestTimeoutMs,
                              int sendBufferSize, int receiveBufferSize, int maxResponseSizeBytes,
                              Executor callbackExecutor) {
        this(clientId, maxInFlightRequests, clientRequestTimeoutMs, sendBufferSize, receiveBufferSize,
                maxResponseSizeBytes, callbackExecutor, Compatibility.NEGOTIATE);
    }
}
