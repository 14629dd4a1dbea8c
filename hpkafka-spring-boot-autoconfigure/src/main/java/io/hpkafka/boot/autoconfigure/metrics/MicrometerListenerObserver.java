package io.hpkafka.boot.autoconfigure.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.hpkafka.boot.autoconfigure.listener.ListenerInvocationException;
import io.hpkafka.boot.autoconfigure.listener.ListenerObserver;
import io.hpkafka.record.KafkaRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Times every invocation of an {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListener @HpKafkaListener}
 * method (a record, or a batch) with the timer {@code hpkafka.listener}, tagged {@code listener.id},
 * {@code outcome} ({@code success} or {@code failure}) and {@code exception} (the simple class name of what the
 * listener threw, or {@code none}). A listener's timers are removed from the registry when its container stops.
 */
public class MicrometerListenerObserver implements ListenerObserver {

    private static final String NONE_THROWN = "none";

    private final MeterRegistry registry;

    /** Timers by listener id, then by exception name ({@code none} for success). */
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    /**
     * @param registry where the timers go
     */
    public MicrometerListenerObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Invocation beforeRecord(String listenerId, KafkaRecord record) {
        return started(listenerId);
    }

    @Override
    public Invocation beforeBatch(String listenerId, List<KafkaRecord> records) {
        return started(listenerId);
    }

    private Invocation started(String listenerId) {
        long start = this.registry.config().clock().monotonicTime();
        return (failure) -> timer(listenerId, failure)
            .record(this.registry.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String listenerId, @Nullable Throwable failure) {
        String exception = (failure != null) ? thrown(failure).getClass().getSimpleName() : NONE_THROWN;
        return this.timers.computeIfAbsent(listenerId, (id) -> new ConcurrentHashMap<>())
            .computeIfAbsent(exception, (name) -> Timer.builder("hpkafka.listener")
                .description("Invocations of an @HpKafkaListener method, each attempt")
                .tag("listener.id", listenerId)
                .tag("outcome", (failure != null) ? "failure" : "success")
                .tag("exception", name)
                .register(this.registry));
    }

    // An Error the listener threw arrives wrapped; the timer names what the listener threw.
    private static Throwable thrown(Throwable failure) {
        return (failure instanceof ListenerInvocationException && failure.getCause() != null) ? failure.getCause()
                : failure;
    }

    @Override
    public void containerStopped(String listenerId) {
        Map<String, Timer> removed = this.timers.remove(listenerId);
        if (removed != null) {
            removed.values().forEach(this.registry::remove);
        }
    }

}
