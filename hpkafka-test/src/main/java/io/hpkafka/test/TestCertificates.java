package io.hpkafka.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority with a broker and a client certificate, made at run time with the JDK's
 * {@code keytool} (no extra library): a CA (PEM and a PKCS#12 trust store), a broker key store whose certificate
 * names the hosts given (by default {@code 127.0.0.1} and {@code localhost}), and a client key store for mutual TLS.
 * All stores are PKCS#12 with the password {@link #password()}; certificates are valid for two days.
 * <p>
 * Takes a few seconds (each keytool call starts a JVM): make one per test class.
 */
public final class TestCertificates {

    private static final String PASSWORD = "test-store-password";

    private final Path directory;

    private TestCertificates(Path directory) {
        this.directory = directory;
    }

    /**
     * Creates the CA, a broker certificate for {@code 127.0.0.1} and {@code localhost}, and a client certificate.
     *
     * @param directory where the files go (existing or created)
     * @return the certificates
     * @throws KafkaTestClusterException if keytool fails
     */
    public static TestCertificates create(Path directory) {
        return create(directory, "ip:127.0.0.1,dns:localhost");
    }

    /**
     * As {@link #create(Path)} with the broker certificate's subject alternative names given, e.g.
     * {@code dns:broker.example} to test a host name mismatch.
     *
     * @param brokerNames keytool's SAN syntax: {@code ip:...} and {@code dns:...}, comma-separated
     */
    public static TestCertificates create(Path directory, String brokerNames) {
        TestCertificates certificates = new TestCertificates(directory);
        try {
            Files.createDirectories(directory);
            certificates.generate(brokerNames);
        } catch (IOException e) {
            throw new KafkaTestClusterException("cannot create test certificates in " + directory + ": " + e, e);
        }
        return certificates;
    }

    private void generate(String brokerNames) throws IOException {
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=hpkafka test CA", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-ext", "bc:c", "-keystore", file("ca.p12"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", file("ca.p12"), "-file", file("ca.pem"));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.pem"), "-keystore",
                file("truststore.p12"));
        signed("broker", "CN=hpkafka test broker", brokerNames);
        signed("client", "CN=hpkafka test client", null);
    }

    /** A key pair in {@code <name>.p12}, its certificate signed by the CA and imported with the CA's. */
    private void signed(String name, String subject, String names) throws IOException {
        String store = file(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-dname", subject, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-keystore", store);
        keytool("-certreq", "-alias", name, "-keystore", store, "-file", file(name + ".csr"));
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore",
                file("ca.p12"), "-infile", file(name + ".csr"), "-outfile", file(name + ".pem"), "-validity", "2"));
        if (names != null) {
            gencert.addAll(List.of("-ext", "SAN=" + names));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.pem"), "-keystore", store);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", file(name + ".pem"), "-keystore", store);
    }

    private String file(String name) {
        return directory.resolve(name).toString();
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if ("-genkeypair".equals(arguments[0])) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: "
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** @return the password of every store (and key) */
    public String password() {
        return PASSWORD;
    }

    /** @return the CA certificate, PEM */
    public Path caPem() {
        return directory.resolve("ca.pem");
    }

    /** @return a PKCS#12 trust store holding the CA */
    public Path trustStore() {
        return directory.resolve("truststore.p12");
    }

    /** @return the broker's PKCS#12 key store */
    public Path brokerKeyStore() {
        return directory.resolve("broker.p12");
    }

    /** @return the client's PKCS#12 key store, for mutual TLS */
    public Path clientKeyStore() {
        return directory.resolve("client.p12");
    }

    /**
     * @param requireClientCertificate whether the broker demands a client certificate signed by the CA
     *     ({@code ssl.client.auth=required})
     * @return broker properties for the TLS listener, for
     *     {@link EmbeddedKafkaCluster.Builder#brokerProperties(Map)}
     */
    public Map<String, String> brokerProperties(boolean requireClientCertificate) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("ssl.keystore.location", brokerKeyStore().toString());
        properties.put("ssl.keystore.type", "PKCS12");
        properties.put("ssl.keystore.password", PASSWORD);
        properties.put("ssl.key.password", PASSWORD);
        properties.put("ssl.truststore.location", trustStore().toString());
        properties.put("ssl.truststore.type", "PKCS12");
        properties.put("ssl.truststore.password", PASSWORD);
        properties.put("ssl.client.auth", requireClientCertificate ? "required" : "none");
        return properties;
    }
}
