package io.hpkafka.internal.stats;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.producer.DiscardReason;
import io.hpkafka.stats.ClientHooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client's {@link ClientHooks}, called in order; a hook that throws is logged the first time and then silently
 * skipped for that failure, so one bad hook never breaks the client nor floods the log. Call sites check
 * {@link #enabled()} first so that a client without hooks reads no extra clock and builds nothing.
 */
public final class Hooks {

    private static final Logger log = LoggerFactory.getLogger(Hooks.class);

    /** No hooks. */
    public static final Hooks NONE = new Hooks(List.of());

    /** API names as Kafka spells them, by API key, computed once so that a call allocates nothing. */
    private static final String[] API_NAMES = apiNames();

    private final ClientHooks[] hooks;
    private final AtomicBoolean[] logged;

    private Hooks(List<ClientHooks> hooks) {
        this.hooks = hooks.toArray(new ClientHooks[0]);
        this.logged = new AtomicBoolean[this.hooks.length];
        for (int i = 0; i < logged.length; i++) {
            logged[i] = new AtomicBoolean();
        }
    }

    /** @return the composite of {@code hooks}, or {@link #NONE} for an empty list */
    public static Hooks of(List<ClientHooks> hooks) {
        return hooks.isEmpty() ? NONE : new Hooks(hooks);
    }

    /** @return whether any hook is installed */
    public boolean enabled() {
        return hooks.length > 0;
    }

    public void clientCreated(String clientId) {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].onClientCreated(clientId);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    public void batchWritten(String topic, int partition, int records, int bytes) {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].onBatchWritten(topic, partition, records, bytes);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    public void recordsAcknowledged(String topic, int partition, int records) {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].onRecordsAcknowledged(topic, partition, records);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    public void recordsDiscarded(String topic, int partition, int records, DiscardReason reason) {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].onRecordsDiscarded(topic, partition, records, reason);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    public void recordsExpired(String topic, int partition, int records) {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].onRecordsExpired(topic, partition, records);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    public void requestCompleted(ApiKey api, int nodeId, long latencyNanos) {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].onRequestCompleted(API_NAMES[api.ordinal()], api.id(), nodeId, latencyNanos);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    public void fetchCompleted(String topic, int partition, int records, int bytes, long highWatermark,
                               long nextOffset, long latencyNanos) {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].onFetchCompleted(topic, partition, records, bytes, highWatermark, nextOffset, latencyNanos);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    public void partitionReleased(String topic, int partition) {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].onPartitionReleased(topic, partition);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    public void clientClosed() {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].onClientClosed();
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    private void failed(int index, RuntimeException e) {
        if (logged[index].compareAndSet(false, true)) {
            log.warn("Client hook {} threw; the client goes on, and further failures of this hook are not logged",
                    hooks[index].getClass().getName(), e);
        }
    }

    /** "LIST_OFFSETS" to "ListOffsets", as Kafka names its APIs (and request metrics). */
    private static String[] apiNames() {
        ApiKey[] keys = ApiKey.values();
        String[] names = new String[keys.length];
        for (ApiKey key : keys) {
            StringBuilder name = new StringBuilder();
            for (String word : key.name().split("_")) {
                name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            names[key.ordinal()] = name.toString();
        }
        return names;
    }
}
