package io.hpkafka.config;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * TLS trust and key material for {@link SecurityProtocol#SSL} and {@link SecurityProtocol#SASL_SSL}: a ready JDK
 * {@link SSLContext} (how Spring Boot SSL bundles plug in), or trust and key stores read once by
 * {@link Builder#build()}. Without a trust store the JDK's default trust (the {@code cacerts} file) applies; a key
 * store supplies the client certificate for mutual TLS. Hostname verification (RFC 2818: the broker's certificate
 * must name the host or IP the client connected to) is on by default. Passwords are not kept after
 * {@link Builder#build()}.
 */
public final class TlsSettings {

    private final SSLContext context;
    private final boolean hostnameVerification;
    private final String[] enabledProtocols;
    private final String[] cipherSuites;
    private final String description;

    private TlsSettings(SSLContext context, Builder b, String description) {
        this.context = context;
        this.hostnameVerification = b.hostnameVerification;
        this.enabledProtocols = b.enabledProtocols == null ? null : b.enabledProtocols.clone();
        this.cipherSuites = b.cipherSuites == null ? null : b.cipherSuites.clone();
        this.description = description;
    }

    /**
     * @param context the JDK context every connection's {@link javax.net.ssl.SSLEngine} comes from
     * @return settings with hostname verification on
     */
    public static TlsSettings of(SSLContext context) {
        return builder().sslContext(context).build();
    }

    /** @return a builder; without any setting it trusts the JDK's default CAs and verifies host names */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the context connections create their engines from */
    public SSLContext sslContext() {
        return context;
    }

    /** @return whether the broker certificate must match the host connected to (default {@code true}) */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** @return the TLS versions offered, e.g. {@code TLSv1.3}, or null for the JDK's defaults */
    public String[] enabledProtocols() {
        return enabledProtocols == null ? null : enabledProtocols.clone();
    }

    /** @return the cipher suites offered, or null for the JDK's defaults */
    public String[] cipherSuites() {
        return cipherSuites == null ? null : cipherSuites.clone();
    }

    @Override
    public String toString() {
        return "TlsSettings{" + description + ", hostnameVerification=" + hostnameVerification + '}';
    }

    /** Mutable holder; not thread-safe. */
    public static final class Builder {
        private SSLContext context;
        private Path trustStore;
        private StoreType trustStoreType = StoreType.PKCS12;
        private char[] trustStorePassword;
        private Path keyStore;
        private StoreType keyStoreType = StoreType.PKCS12;
        private char[] keyStorePassword;
        private String protocol = "TLS";
        private boolean hostnameVerification = true;
        private String[] enabledProtocols;
        private String[] cipherSuites;

        private Builder() {
        }

        /**
         * @param protocols the TLS versions to offer, e.g. {@code TLSv1.3}; null (the default) for the JDK's
         * @return this builder
         */
        public Builder enabledProtocols(String... protocols) {
            this.enabledProtocols = protocols;
            return this;
        }

        /**
         * @param suites the cipher suites to offer; null (the default) for the JDK's
         * @return this builder
         */
        public Builder cipherSuites(String... suites) {
            this.cipherSuites = suites;
            return this;
        }

        /**
         * @param context a ready context; then no store may be set
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.context = context;
            return this;
        }

        /**
         * @param path the CAs to trust (default: the JDK's {@code cacerts})
         * @param type its format
         * @param password the store's password, or null (ignored for PEM)
         * @return this builder
         */
        public Builder trustStore(Path path, StoreType type, String password) {
            this.trustStore = path;
            this.trustStoreType = type;
            this.trustStorePassword = password == null ? null : password.toCharArray();
            return this;
        }

        /**
         * @param path the client's private key and certificate chain, for brokers that require a client
         *     certificate ({@code ssl.client.auth=required}); PKCS#12 and JKS keys must use the store's password
         * @param type its format
         * @param password the store's (and key's) password, or null for a PEM file
         * @return this builder
         */
        public Builder keyStore(Path path, StoreType type, String password) {
            this.keyStore = path;
            this.keyStoreType = type;
            this.keyStorePassword = password == null ? null : password.toCharArray();
            return this;
        }

        /**
         * @param protocol the {@link SSLContext} protocol, default {@code TLS} (the JDK then offers TLS 1.3 and 1.2)
         * @return this builder
         */
        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * @param verify whether the broker certificate must match the host connected to; default {@code true}.
         *     Turning it off accepts any certificate the trust store vouches for, whoever it was issued to
         * @return this builder
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * Reads the stores and creates the context.
         *
         * @return the settings
         * @throws InvalidConfigurationException naming {@code security.tls.*} when a store cannot be read or both a
         *     context and stores are given
         */
        public TlsSettings build() {
            if (context != null) {
                if (trustStore != null || keyStore != null) {
                    throw new InvalidConfigurationException("security.tls.sslContext",
                            "give either an SSLContext or trust/key stores, not both");
                }
                return new TlsSettings(context, this, "sslContext=" + context.getProtocol());
            }
            try {
                TrustManagerFactory tmf = null;
                if (trustStore != null) {
                    KeyStore trust = StoreLoader.load("security.tls.trustStore", trustStore, trustStoreType,
                            trustStorePassword, false);
                    tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(trust);
                }
                KeyManagerFactory kmf = null;
                if (keyStore != null) {
                    char[] password = keyStorePassword == null ? new char[0] : keyStorePassword;
                    KeyStore keys = StoreLoader.load("security.tls.keyStore", keyStore, keyStoreType, password,
                            true);
                    kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    kmf.init(keys, password);
                }
                SSLContext created = SSLContext.getInstance(protocol);
                created.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(),
                        null);
                return new TlsSettings(created, this, "trustStore="
                        + (trustStore == null ? "JDK default" : trustStore) + ", keyStore=" + keyStore);
            } catch (GeneralSecurityException e) {
                throw new InvalidConfigurationException("security.tls", "cannot create the TLS context: " + e);
            }
        }
    }
}
