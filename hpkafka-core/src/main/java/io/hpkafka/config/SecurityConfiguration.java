package io.hpkafka.config;

import java.util.Objects;

/**
 * How connections are secured: the {@link SecurityProtocol}, the TLS material for the TLS protocols and the SASL
 * credentials for the SASL protocols. Set with {@link Configuration.Builder#security(SecurityConfiguration)}; the
 * default is {@link #PLAINTEXT}.
 */
public final class SecurityConfiguration {

    /** Plain TCP without authentication. */
    public static final SecurityConfiguration PLAINTEXT = new SecurityConfiguration(SecurityProtocol.PLAINTEXT, null,
            null);

    private final SecurityProtocol protocol;
    private final TlsSettings tls;
    private final SaslSettings sasl;

    private SecurityConfiguration(SecurityProtocol protocol, TlsSettings tls, SaslSettings sasl) {
        this.protocol = protocol;
        this.tls = tls;
        this.sasl = sasl;
    }

    /** @return TLS without SASL ({@link SecurityProtocol#SSL}) */
    public static SecurityConfiguration ssl(TlsSettings tls) {
        return of(SecurityProtocol.SSL, tls, null);
    }

    /** @return SASL over plain TCP ({@link SecurityProtocol#SASL_PLAINTEXT}) */
    public static SecurityConfiguration saslPlaintext(SaslSettings sasl) {
        return of(SecurityProtocol.SASL_PLAINTEXT, null, sasl);
    }

    /** @return SASL over TLS ({@link SecurityProtocol#SASL_SSL}) */
    public static SecurityConfiguration saslSsl(TlsSettings tls, SaslSettings sasl) {
        return of(SecurityProtocol.SASL_SSL, tls, sasl);
    }

    /**
     * @param protocol the listener's protocol
     * @param tls required for SSL and SASL_SSL, else must be null
     * @param sasl required for SASL_PLAINTEXT and SASL_SSL, else must be null
     * @return the configuration
     * @throws InvalidConfigurationException naming {@code security.tls} or {@code security.sasl} when one is missing
     *     or given for a protocol that does not use it
     */
    public static SecurityConfiguration of(SecurityProtocol protocol, TlsSettings tls, SaslSettings sasl) {
        if (protocol == null) {
            throw new InvalidConfigurationException("security.protocol", "must not be null");
        }
        if (protocol.usesTls() != (tls != null)) {
            throw new InvalidConfigurationException("security.tls", protocol.usesTls()
                    ? "is required for protocol " + protocol : "must not be set for protocol " + protocol);
        }
        if (protocol.usesSasl() != (sasl != null)) {
            throw new InvalidConfigurationException("security.sasl", protocol.usesSasl()
                    ? "is required for protocol " + protocol : "must not be set for protocol " + protocol);
        }
        return new SecurityConfiguration(protocol, tls, sasl);
    }

    /** @return the protocol */
    public SecurityProtocol protocol() {
        return protocol;
    }

    /** @return the TLS material, or null for PLAINTEXT and SASL_PLAINTEXT */
    public TlsSettings tls() {
        return tls;
    }

    /** @return the SASL credentials, or null for PLAINTEXT and SSL */
    public SaslSettings sasl() {
        return sasl;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityConfiguration s && protocol == s.protocol && Objects.equals(tls, s.tls)
                && Objects.equals(sasl, s.sasl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, tls, sasl);
    }

    @Override
    public String toString() {
        return "SecurityConfiguration{protocol=" + protocol + (tls == null ? "" : ", tls=" + tls)
                + (sasl == null ? "" : ", sasl=" + sasl) + '}';
    }
}
