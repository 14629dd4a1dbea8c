package io.hpkafka.config;

/**
 * Where SASL OAUTHBEARER gets its token: asked once for every authentication, that is for every new connection and
 * for every re-authentication the broker's session lifetime calls for (KIP-368; the broker ends a session when its
 * token expires, so a connection renews it at 85-95% of the lifetime with the token returned then).
 * <p>
 * Thread rule: called on the client's I/O thread, so it must return at once: hand out a cached token and fetch the
 * next one in the background before the cached one expires. {@link #refreshing} does that for a blocking fetch.
 */
@FunctionalInterface
public interface OAuthBearerTokenProvider {

    /**
     * @return a token that is valid now
     * @throws RuntimeException if no valid token is available; the connection fails with an authentication error
     */
    OAuthBearerToken token();

    /**
     * A provider that caches the token {@code fetch} returns and fetches the next one on a daemon thread once 80%
     * of the current token's lifetime has passed (and again after a failed fetch, 10 s later). The first token is
     * fetched at once, on the calling thread.
     *
     * @param fetch blocking call to the identity provider
     * @return the caching provider; close it to stop its thread
     */
    static RefreshingTokenProvider refreshing(java.util.function.Supplier<OAuthBearerToken> fetch) {
        return new RefreshingTokenProvider(fetch, java.time.Clock.systemUTC());
    }
}
