package io.hpkafka.internal.event;

import java.util.concurrent.Executor;

/** Creates an {@link EventPublisher} on first use, so a client nobody subscribes to pays nothing per event. */
public final class LazyPublisher<E> implements AutoCloseable {

    private final String name;
    private final EventListeners<E> source;
    private final Executor executor;
    private EventPublisher<E> publisher; // guarded by this

    public LazyPublisher(String name, EventListeners<E> source, Executor executor) {
        this.name = name;
        this.source = source;
        this.executor = executor;
    }

    /** @return the publisher, created on the first call */
    public synchronized EventPublisher<E> get() {
        if (publisher == null) {
            publisher = new EventPublisher<>(name, source, executor);
        }
        return publisher;
    }

    @Override
    public synchronized void close() {
        if (publisher != null) {
            publisher.close();
        }
    }
}
