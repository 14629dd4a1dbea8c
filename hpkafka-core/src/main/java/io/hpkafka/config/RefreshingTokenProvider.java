package io.hpkafka.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An {@link OAuthBearerTokenProvider} that answers from a cached token and refreshes it in the background at 80% of
 * its lifetime; see {@link OAuthBearerTokenProvider#refreshing}. Thread-safe.
 */
public final class RefreshingTokenProvider implements OAuthBearerTokenProvider, AutoCloseable {

    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    private final Supplier<OAuthBearerToken> fetch;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private volatile OAuthBearerToken current;

    RefreshingTokenProvider(Supplier<OAuthBearerToken> fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hpkafka-oauthbearer-refresh");
            t.setDaemon(true);
            return t;
        });
        this.current = fetch.get();
        scheduleRefresh(current);
    }

    @Override
    public OAuthBearerToken token() {
        return current;
    }

    private void scheduleRefresh(OAuthBearerToken token) {
        Instant now = clock.instant();
        long lifetimeMs = Math.max(0, Duration.between(now, token.expiresAt()).toMillis());
        refresher.schedule(this::refresh, lifetimeMs * 8 / 10, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            OAuthBearerToken next = fetch.get();
            current = next;
            scheduleRefresh(next);
        } catch (RuntimeException e) {
            // Keep the current token while it lasts; a failed fetch is tried again.
            refresher.schedule(this::refresh, RETRY_AFTER_FAILURE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the refresh thread. */
    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
