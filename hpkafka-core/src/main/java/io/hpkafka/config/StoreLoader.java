package io.hpkafka.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads trust and key material from PKCS#12, JKS or PEM files into a {@link KeyStore}. */
final class StoreLoader {

    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private StoreLoader() {
    }

    /**
     * @param option the option named in errors
     * @param password the store's password (for PEM: the password of the in-memory store, may be empty)
     * @param withKey whether a PEM file must hold a private key
     */
    static KeyStore load(String option, Path path, StoreType type, char[] password, boolean withKey) {
        try {
            if (type == StoreType.PEM) {
                return withKey ? pemKeyStore(path, password) : pemTrustStore(path);
            }
            KeyStore store = KeyStore.getInstance(type.name());
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, password);
            }
            return store;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The message names the file and the failure, never the password.
            throw new InvalidConfigurationException(option, "cannot read " + type + " store " + path + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static KeyStore pemTrustStore(Path path) throws IOException, GeneralSecurityException {
        List<Certificate> certificates = certificates(path);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        return store;
    }

    private static KeyStore pemKeyStore(Path path, char[] password) throws IOException, GeneralSecurityException {
        List<Certificate> chain = certificates(path);
        String text = Files.readString(path, StandardCharsets.US_ASCII);
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            throw new GeneralSecurityException("no unencrypted PKCS#8 'PRIVATE KEY' block");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        PrivateKey key = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        if (key == null) {
            throw new GeneralSecurityException("private key is neither RSA, EC nor Ed25519");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", key, password, chain.toArray(Certificate[]::new));
        return store;
    }

    private static List<Certificate> certificates(Path path) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        // Only the CERTIFICATE blocks: the JDK's parser stops at a key block in the same file.
        Matcher m = CERTIFICATE.matcher(Files.readString(path, StandardCharsets.US_ASCII));
        List<Certificate> list = new ArrayList<>();
        while (m.find()) {
            list.add(factory.generateCertificate(new ByteArrayInputStream(
                    Base64.getMimeDecoder().decode(m.group(1)))));
        }
        if (list.isEmpty()) {
            throw new GeneralSecurityException("no CERTIFICATE block");
        }
        return list;
    }
}
