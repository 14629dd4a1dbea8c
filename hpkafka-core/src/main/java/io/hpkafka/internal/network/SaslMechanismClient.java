package io.hpkafka.internal.network;

import io.hpkafka.config.SaslSettings;

/** The client side of one SASL mechanism for one authentication: it turns the broker's challenges into answers. */
interface SaslMechanismClient {

    /**
     * @return the first token the client sends
     * @throws AuthenticationFailed if the client has no credentials to offer (no token)
     */
    byte[] initialResponse() throws AuthenticationFailed;

    /**
     * @param challenge the broker's last token (empty when it sent none)
     * @return the next token to send, or {@code null} when the exchange is complete and the broker verified
     * @throws AuthenticationFailed if the broker's token is malformed or fails verification
     */
    byte[] evaluate(byte[] challenge) throws AuthenticationFailed;

    /** @return a new client for one exchange with the configured mechanism */
    static SaslMechanismClient of(SaslSettings settings) {
        return switch (settings.mechanism()) {
            case PLAIN -> new PlainMechanism(settings.username(), settings.password());
            case SCRAM_SHA_256 -> ScramMechanism.sha256(settings.username(), settings.password());
            case SCRAM_SHA_512 -> ScramMechanism.sha512(settings.username(), settings.password());
            case OAUTHBEARER -> new OAuthBearerMechanism(settings.tokenProvider());
        };
    }
}
