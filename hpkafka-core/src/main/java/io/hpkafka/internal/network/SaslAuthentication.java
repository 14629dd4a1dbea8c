package io.hpkafka.internal.network;

import io.hpkafka.config.SaslSettings;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.message.SaslAuthenticateRequest;
import io.hpkafka.internal.protocol.message.SaslAuthenticateResponse;
import io.hpkafka.internal.protocol.message.SaslHandshakeRequest;
import io.hpkafka.internal.protocol.message.SaslHandshakeResponse;

/**
 * The SASL exchange a connection runs after ApiVersions and before its first request (KIP-43, KIP-152):
 * SaslHandshake v1 (API key 17) names the mechanism, then SaslAuthenticate (API key 36) carries the mechanism's
 * tokens until it is complete. One instance per socket; the connection writes each request this returns and hands
 * back the decoded response.
 * <p>
 * Thread rule: used only on the {@link IoLoop} thread.
 */
final class SaslAuthentication {

    private final SaslSettings settings;
    private final String broker;
    private final SaslMechanismClient mechanism;
    private long sessionLifetimeMs;

    SaslAuthentication(SaslSettings settings, String broker) {
        this.settings = settings;
        this.broker = broker;
        this.mechanism = SaslMechanismClient.of(settings);
    }

    /** @return the first request: SaslHandshake naming the mechanism */
    Request<?> start() {
        return new SaslHandshakeRequest(settings.mechanism().wireName());
    }

    /**
     * @param response the decoded answer to the last request this returned
     * @return the next request, or {@code null} once the broker has authenticated the client
     * @throws AuthenticationFailed if the broker refuses the mechanism or the credentials
     */
    Request<?> onResponse(Object response) throws AuthenticationFailed {
        // Every answer is checked: OAUTHBEARER's error challenge is followed by a failed SaslAuthenticate.
        if (response instanceof SaslHandshakeResponse handshake) {
            if (handshake.errorCode() == Errors.UNSUPPORTED_SASL_MECHANISM) {
                throw new AuthenticationFailed("broker " + broker + " does not enable SASL mechanism "
                        + settings.mechanism().wireName() + " on this listener; it enables "
                        + handshake.mechanisms(), null);
            }
            if (handshake.errorCode() != Errors.NONE) {
                throw new AuthenticationFailed("SaslHandshake with broker " + broker + " failed: "
                        + Errors.name(handshake.errorCode()) + " (is the listener a SASL listener?)", null);
            }
            return new SaslAuthenticateRequest(mechanism.initialResponse());
        }
        SaslAuthenticateResponse answer = (SaslAuthenticateResponse) response;
        if (answer.errorCode() != Errors.NONE) {
            // The broker's message names the mechanism and user, never the password.
            throw new AuthenticationFailed(settings.mechanism().wireName() + " authentication"
                    + (settings.username() == null ? "" : " of user '" + settings.username() + "'") + " with broker " + broker + " failed: " + Errors.name(answer.errorCode())
                    + (answer.errorMessage() == null ? "" : " (" + answer.errorMessage() + ")"), null);
        }
        byte[] next = mechanism.evaluate(answer.authBytes() == null ? new byte[0] : answer.authBytes());
        sessionLifetimeMs = answer.sessionLifetimeMs();
        return next == null ? null : new SaslAuthenticateRequest(next);
    }

    /** @return ms the broker keeps the session after the last SaslAuthenticate (v1+, KIP-368), 0 for no limit */
    long sessionLifetimeMs() {
        return sessionLifetimeMs;
    }
}
