package io.hpkafka.config;

/** The SASL mechanisms this client speaks, by the name SaslHandshake (API key 17) sends. */
public enum SaslMechanism {
    /** RFC 4616: user name and password in one token; use it over TLS only. */
    PLAIN("PLAIN"),
    /** RFC 5802 / RFC 7677 salted challenge-response with HMAC-SHA-256; the password never crosses the wire. */
    SCRAM_SHA_256("SCRAM-SHA-256"),
    /** As {@link #SCRAM_SHA_256} with HMAC-SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512"),
    /** RFC 7628 / KIP-255: an OAuth 2 bearer token from an {@link OAuthBearerTokenProvider}; use it over TLS only. */
    OAUTHBEARER("OAUTHBEARER");

    private final String wireName;

    SaslMechanism(String wireName) {
        this.wireName = wireName;
    }

    /** @return the mechanism's name in SaslHandshake, e.g. {@code SCRAM-SHA-512} */
    public String wireName() {
        return wireName;
    }
}
