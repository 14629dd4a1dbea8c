package io.hpkafka.config;

/** The file format of a trust store or key store given to {@link TlsSettings.Builder}. */
public enum StoreType {
    /** PKCS#12 ({@code .p12}, {@code .pfx}), the JDK's default key store format. */
    PKCS12,
    /** The JDK's legacy Java KeyStore format. */
    JKS,
    /**
     * PEM text: for trust, one or more {@code CERTIFICATE} blocks; for keys, the certificate chain (leaf first) and an
     * unencrypted PKCS#8 {@code PRIVATE KEY} block (RSA or EC) in one file.
     */
    PEM
}
