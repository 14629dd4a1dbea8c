package io.hpkafka.internal.network;

import io.hpkafka.config.OAuthBearerToken;
import io.hpkafka.config.OAuthBearerTokenProvider;

import java.nio.charset.StandardCharsets;

/**
 * SASL OAUTHBEARER (RFC 7628) as Kafka runs it (KIP-255): the client's one message is
 * {@code n,,<0x01>auth=Bearer <token><0x01><0x01>}, without authorization id or extensions. A broker that rejects
 * the token answers with an error challenge (a JSON status), to which the client replies with a lone 0x01; the
 * broker then fails the SaslAuthenticate, which ends the exchange with an authentication error.
 */
final class OAuthBearerMechanism implements SaslMechanismClient {

    private static final byte[] ERROR_ACKNOWLEDGEMENT = {0x01};

    private final OAuthBearerTokenProvider provider;

    OAuthBearerMechanism(OAuthBearerTokenProvider provider) {
        this.provider = provider;
    }

    @Override
    public byte[] initialResponse() throws AuthenticationFailed {
        OAuthBearerToken token;
        try {
            token = provider.token();
        } catch (RuntimeException e) {
            throw new AuthenticationFailed("OAUTHBEARER token provider failed: " + e, e);
        }
        if (token == null) {
            throw new AuthenticationFailed("OAUTHBEARER token provider returned no token", null);
        }
        return ("n,,\u0001auth=Bearer " + token.value() + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) {
        return challenge.length == 0 ? null : ERROR_ACKNOWLEDGEMENT;
    }

    @Override
    public String toString() {
        return "OAUTHBEARER";
    }
}
