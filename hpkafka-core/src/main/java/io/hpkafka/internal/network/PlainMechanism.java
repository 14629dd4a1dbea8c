package io.hpkafka.internal.network;

import java.nio.charset.StandardCharsets;

/** SASL PLAIN (RFC 4616): one token, {@code NUL user NUL password}, no authorization id; the broker's answer ends it. */
final class PlainMechanism implements SaslMechanismClient {

    private final String username;
    private final String password;

    PlainMechanism(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public byte[] initialResponse() {
        return ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) {
        return null;
    }

    @Override
    public String toString() {
        return "PLAIN{user=" + username + "}";
    }
}
