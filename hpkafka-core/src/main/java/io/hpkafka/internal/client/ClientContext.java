package io.hpkafka.internal.client;

import io.hpkafka.config.Configuration;
import io.hpkafka.internal.cluster.MetadataManager;
import io.hpkafka.internal.concurrent.Clock;
import io.hpkafka.internal.network.Connections;
import io.hpkafka.internal.stats.Counters;
import io.hpkafka.internal.stats.Hooks;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every engine of one client shares: the configuration, the clock, the driver executor and the timer, the
 * cluster metadata, the connections and the counters. The producer and every consumer of a client receive the same
 * context, so they share one socket thread, one timer thread, one set of connections and one metadata cache.
 *
 * @param configuration the validated client configuration
 * @param clock where the engines read time
 * @param executor the driver executor (the user's, or a bounded view over the shared pool)
 * @param timer the client's single timer thread; its tasks only post to an engine's actor
 * @param metadata the client's metadata cache
 * @param connections the client's connections
 * @param counters the client's statistics counters
 * @param hooks the configuration's {@link io.hpkafka.stats.ClientHooks}, guarded
 */
public record ClientContext(Configuration configuration, Clock clock, Executor executor,
                            ScheduledExecutorService timer, MetadataManager metadata, Connections connections,
                            Counters counters, Hooks hooks) {

    /** A context whose hooks are those of {@code configuration}. */
    public ClientContext(Configuration configuration, Clock clock, Executor executor, ScheduledExecutorService timer,
                         MetadataManager metadata, Connections connections, Counters counters) {
        this(configuration, clock, executor, timer, metadata, connections, counters,
                Hooks.of(configuration.hooks()));
    }
}
