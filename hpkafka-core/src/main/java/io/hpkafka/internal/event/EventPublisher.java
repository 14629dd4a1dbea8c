package io.hpkafka.internal.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events of one kind as a {@link Flow.Publisher}, fed from an {@link EventListeners}. The producer must never wait for
 * a subscriber, so each subscriber has a bounded buffer ({@value #BUFFER} events): a subscriber that falls further
 * behind loses the overflow, which is counted and logged. Listeners ({@code on...} methods) never lose events.
 *
 * @param <E> the event type
 */
public final class EventPublisher<E> implements Flow.Publisher<E>, AutoCloseable {

    /** Events buffered per subscriber before the overflow is dropped. */
    public static final int BUFFER = 8192;

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final String name;
    private final SubmissionPublisher<E> publisher;
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param name the event's name, for logs
     * @param source the listeners whose events are published
     * @param executor where subscribers are signalled
     */
    public EventPublisher(String name, EventListeners<E> source, Executor executor) {
        this.name = name;
        this.publisher = new SubmissionPublisher<>(executor, BUFFER);
        source.add(event -> publisher.offer(event, (subscriber, e) -> {
            if (dropped.incrementAndGet() % 10_000 == 1) {
                log.warn("A subscriber of {} events is {} events behind; dropped {} so far", name, BUFFER,
                        dropped.get());
            }
            return false;
        }));
    }

    @Override
    public void subscribe(Flow.Subscriber<? super E> subscriber) {
        publisher.subscribe(subscriber);
    }

    /** @return events dropped because a subscriber's buffer was full */
    public long dropped() {
        return dropped.get();
    }

    /** Completes every subscriber. */
    @Override
    public void close() {
        publisher.close();
        if (dropped.get() > 0) {
            log.debug("{} publisher closed after dropping {} events", name, dropped.get());
        }
    }
}
