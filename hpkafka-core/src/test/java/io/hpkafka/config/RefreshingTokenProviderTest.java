package io.hpkafka.config;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The caching OAUTHBEARER token provider: answers from its cache, fetches the next token before expiry. */
class RefreshingTokenProviderTest {

    @Test
    void theFirstTokenIsFetchedAtOnceAndTheNextBeforeTheFirstExpires() {
        AtomicInteger fetches = new AtomicInteger();
        try (RefreshingTokenProvider provider = new RefreshingTokenProvider(() -> new OAuthBearerToken(
                "token-" + fetches.incrementAndGet(), Instant.now().plus(Duration.ofMillis(500))),
                Clock.systemUTC())) {
            assertThat(provider.token().value()).isEqualTo("token-1");

            await().atMost(5, TimeUnit.SECONDS).until(() -> fetches.get() >= 3);
            assertThat(provider.token().value()).isNotEqualTo("token-1");
        }
    }

    @Test
    void aFailedFetchKeepsTheCurrentToken() {
        AtomicInteger fetches = new AtomicInteger();
        try (RefreshingTokenProvider provider = new RefreshingTokenProvider(() -> {
            if (fetches.incrementAndGet() > 1) {
                throw new IllegalStateException("identity provider down");
            }
            return new OAuthBearerToken("only", Instant.now().plus(Duration.ofMillis(200)));
        }, Clock.systemUTC())) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> fetches.get() >= 2);

            assertThat(provider.token().value()).isEqualTo("only");
        }
    }

    @Test
    void aTokenNeverShowsItsValueInToString() {
        OAuthBearerToken token = new OAuthBearerToken("eyJhbGciOiJub25lIn0.e30.", Instant.EPOCH);

        assertThat(token.toString()).doesNotContain("eyJ");
    }
}
