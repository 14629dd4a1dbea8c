package io.hpkafka.internal.event;


import io.hpkafka.event.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Listeners of one kind of event. A listener that throws is logged and the others still run.
 *
 * @param <E> the event type
 */
public final class EventListeners<E> {

    private static final Logger log = LoggerFactory.getLogger(EventListeners.class);

    private final String name;
    private final CopyOnWriteArrayList<Consumer<? super E>> listeners = new CopyOnWriteArrayList<>();

    /** @param name the event's name, for logs */
    public EventListeners(String name) {
        this.name = name;
    }

    /** Adds a listener; closing the returned registration removes it. */
    public Registration add(Consumer<? super E> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** @return whether any listener is registered (lets callers skip building an event) */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Hands {@code event} to every listener, in registration order, on the calling thread. */
    public void fire(E event) {
        for (Consumer<? super E> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.error("A {} listener threw; the event is still delivered to the others", name, e);
            }
        }
    }
}
