package io.hpkafka.internal.event;


import io.hpkafka.event.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
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

    /**
     * Hands {@code event} to every listener, in registration order, on the calling thread. A listener that throws
     * (an exception or an {@link Error} other than a {@link VirtualMachineError}) is logged; the others still run.
     */
    public void fire(E event) {
        fire(event, null);
    }

    /**
     * Like {@link #fire(Object)}, and tells {@code failures} of every listener that threw.
     *
     * @param failures called with the event and what a listener threw, or null
     */
    public void fire(E event, BiConsumer<? super E, Throwable> failures) {
        for (Consumer<? super E> l : listeners) {
            try {
                l.accept(event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                log.error("A {} listener threw; the event is still delivered to the others", name, e);
                if (failures != null) {
                    failures.accept(event, e);
                }
            }
        }
    }
}
