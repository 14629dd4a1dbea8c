package io.hpkafka.config;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth 2 bearer token for SASL OAUTHBEARER (RFC 7628, KIP-255), as an identity provider issued it: usually a
 * JWT. {@link #toString()} shows the expiry only, never the token.
 *
 * @param value the compact token (for a JWT: {@code header.payload.signature})
 * @param expiresAt when the token stops being valid; the broker ends the session then (re-authentication, KIP-368)
 */
public record OAuthBearerToken(String value, Instant expiresAt) {

    /**
     * @throws IllegalArgumentException if the value is blank or contains a character RFC 6750 does not allow
     */
    public OAuthBearerToken {
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (value == null || value.isBlank() || !value.matches("[A-Za-z0-9\\-._~+/]+=*")) {
            throw new IllegalArgumentException("not a bearer token (RFC 6750 b64token)");
        }
    }

    @Override
    public String toString() {
        return "OAuthBearerToken{expiresAt=" + expiresAt + ", value=******}";
    }
}
