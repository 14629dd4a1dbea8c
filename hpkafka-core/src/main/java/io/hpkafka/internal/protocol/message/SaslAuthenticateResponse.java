package io.hpkafka.internal.protocol.message;

/**
 * SaslAuthenticate (key 36) response, v0-v2.
 *
 * @param errorCode e.g. SASL_AUTHENTICATION_FAILED, ILLEGAL_SASL_STATE
 * @param errorMessage the broker's explanation, may be null
 * @param authBytes the mechanism's answer token
 * @param sessionLifetimeMs ms until the session expires and must be re-authenticated (v1+), 0 for no limit
 */
public record SaslAuthenticateResponse(short errorCode, String errorMessage, byte[] authBytes,
                                       long sessionLifetimeMs) {
}
