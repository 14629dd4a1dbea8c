package io.hpkafka.internal.network;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * SCRAM-SHA-256 / SCRAM-SHA-512 (RFC 5802, RFC 7677), as Kafka's brokers run it: no channel binding ({@code n,,}),
 * no authorization id, the password taken as UTF-8 bytes (Kafka applies no SASLprep). Three steps: client-first
 * {@code n,,n=user,r=cnonce}; server-first {@code r=cnonce+snonce,s=salt,i=iterations}; client-final with the proof;
 * server-final {@code v=signature}, which is checked so that a broker that does not know the password is caught.
 */
final class ScramMechanism implements SaslMechanismClient {

    /** Kafka's floor for SCRAM iterations (ScramMechanism.minIterations); fewer means a forged challenge. */
    static final int MIN_ITERATIONS = 4096;
    private static final int MAX_ITERATIONS = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String macAlgorithm;
    private final String digestAlgorithm;
    private final String username;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    ScramMechanism(String name, String macAlgorithm, String digestAlgorithm, String username, String password,
                   String clientNonce) {
        this.name = name;
        this.macAlgorithm = macAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    static ScramMechanism sha256(String username, String password) {
        return new ScramMechanism("SCRAM-SHA-256", "HmacSHA256", "SHA-256", username, password, newNonce());
    }

    static ScramMechanism sha512(String username, String password) {
        return new ScramMechanism("SCRAM-SHA-512", "HmacSHA512", "SHA-512", username, password, newNonce());
    }

    private static String newNonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes); // printable, no comma
    }

    @Override
    public byte[] initialResponse() {
        clientFirstBare = "n=" + saslName(username) + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) throws AuthenticationFailed {
        String message = new String(challenge, StandardCharsets.UTF_8);
        if (expectedServerSignature == null) {
            return clientFinal(message);
        }
        verifyServerFinal(message);
        return null;
    }

    private byte[] clientFinal(String serverFirst) throws AuthenticationFailed {
        String nonce = attribute(serverFirst, 'r');
        String salt = attribute(serverFirst, 's');
        String iterationsText = attribute(serverFirst, 'i');
        if (nonce == null || salt == null || iterationsText == null) {
            throw new AuthenticationFailed(name + ": malformed server-first message", null);
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new AuthenticationFailed(name + ": the server nonce does not extend the client nonce", null);
        }
        int iterations;
        try {
            iterations = Integer.parseInt(iterationsText);
        } catch (NumberFormatException e) {
            throw new AuthenticationFailed(name + ": malformed iteration count", e);
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new AuthenticationFailed(name + ": iteration count " + iterations + " outside "
                    + MIN_ITERATIONS + ".." + MAX_ITERATIONS, null);
        }
        try {
            byte[] saltedPassword = hi(password.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(salt),
                    iterations);
            String clientFinalWithoutProof = "c=biws,r=" + nonce; // biws = base64("n,,"): no channel binding
            String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof;
            byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = MessageDigest.getInstance(digestAlgorithm).digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
            byte[] proof = clientKey.clone();
            for (int i = 0; i < proof.length; i++) {
                proof[i] ^= clientSignature[i];
            }
            byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
            expectedServerSignature = hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
            return (clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AuthenticationFailed(name + ": cannot compute the client proof: " + e.getClass().getSimpleName(),
                    null);
        }
    }

    private void verifyServerFinal(String serverFinal) throws AuthenticationFailed {
        String error = attribute(serverFinal, 'e');
        if (error != null) {
            throw new AuthenticationFailed(name + " failed for user '" + username + "': " + error, null);
        }
        String verifier = attribute(serverFinal, 'v');
        byte[] signature;
        try {
            signature = verifier == null ? null : Base64.getDecoder().decode(verifier);
        } catch (IllegalArgumentException e) {
            signature = null;
        }
        if (signature == null || !MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new AuthenticationFailed(name + ": the broker's server signature is wrong (it does not know the"
                    + " password: not the broker it claims to be)", null);
        }
    }

    /** Hi() of RFC 5802: PBKDF2 with the HMAC as PRF and one block of output. */
    private byte[] hi(byte[] secret, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(macAlgorithm);
        mac.init(new SecretKeySpec(secret, macAlgorithm));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(macAlgorithm);
        mac.init(new SecretKeySpec(key, macAlgorithm));
        return mac.doFinal(data);
    }

    /** @return the value of {@code name=value} among the comma-separated attributes, or null */
    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        return null;
    }

    /** RFC 5802 saslname: '=' and ',' are escaped in the user name. */
    private static String saslName(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    @Override
    public String toString() {
        return name + "{user=" + username + "}";
    }
}
