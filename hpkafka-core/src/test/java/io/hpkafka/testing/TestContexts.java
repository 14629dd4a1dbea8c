package io.hpkafka.testing;

import io.hpkafka.config.Configuration;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.cluster.MetadataManager;
import io.hpkafka.internal.stats.Counters;

import java.util.concurrent.Executor;

/** Client contexts for unit tests: manual time, a direct executor, in-memory connections. */
public final class TestContexts {

    /** Runs tasks on the calling thread: with {@link ManualTime}, everything happens inside the test's own calls. */
    public static final Executor DIRECT = Runnable::run;

    private TestContexts() {
    }

    /** @return a context over {@code connections}, reading time from and scheduling on {@code time} */
    public static ClientContext context(Configuration configuration, ManualTime time, InMemoryConnections connections) {
        MetadataManager metadata = new MetadataManager(connections, time, time,
                configuration.clientRequestTimeoutMs(), configuration.refreshMetadataInterval().toMillis());
        return new ClientContext(configuration, time, DIRECT, time, metadata, connections, new Counters());
    }

    /** @return a configuration whose seed is the in-memory broker */
    public static Configuration.Builder configuration() {
        return Configuration.builder().seeds(InMemoryConnections.ADDRESS.host() + ":" + InMemoryConnections.ADDRESS.port())
                .clientId("unit");
    }
}
