package io.hpkafka.config;

/**
 * How the client talks to the brokers' listener, with Kafka's names for the four protocols
 * ({@code listener.security.protocol.map}).
 */
public enum SecurityProtocol {
    /** Plain TCP, no authentication (the default). */
    PLAINTEXT(false, false),
    /** TLS ({@link TlsSettings}); the broker may also ask for a client certificate (mutual TLS). */
    SSL(true, false),
    /** SASL authentication ({@link SaslSettings}) over plain TCP: the password travels in clear with PLAIN. */
    SASL_PLAINTEXT(false, true),
    /** SASL authentication over TLS. */
    SASL_SSL(true, true);

    private final boolean tls;
    private final boolean sasl;

    SecurityProtocol(boolean tls, boolean sasl) {
        this.tls = tls;
        this.sasl = sasl;
    }

    /** @return whether connections are wrapped in TLS */
    public boolean usesTls() {
        return tls;
    }

    /** @return whether connections authenticate with SASL after ApiVersions */
    public boolean usesSasl() {
        return sasl;
    }
}
