package io.hpkafka.internal.consumer;

import io.hpkafka.record.KafkaRecord;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumed records as a {@link Flow.Publisher}. Demand is honoured end to end: while any subscriber has requested
 * nothing more, the dispatcher stops delivering (to every listener) and the broker is not fetched again, exactly as
 * a slow message-received listener holds the consumer. Signals to a subscriber come from the dispatcher, one at a
 * time.
 */
public final class RecordPublisher implements Flow.Publisher<KafkaRecord> {

    private final Executor dispatcher;
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /**
     * Suspended deliveries (one per part of a fetch answer), run in order once every subscriber has demand again;
     * added by the dispatcher, taken by whoever sees demand.
     */
    private final ConcurrentLinkedQueue<Runnable> onDemand = new ConcurrentLinkedQueue<>();
    private volatile boolean completed;

    /** @param dispatcher the serial executor records are delivered on */
    public RecordPublisher(Executor dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super KafkaRecord> subscriber) {
        Subscription s = new Subscription(subscriber);
        dispatcher.execute(() -> {
            if (completed) {
                subscriber.onSubscribe(s);
                subscriber.onComplete();
                return;
            }
            subscriptions.add(s);
            subscriber.onSubscribe(s);
        });
    }

    /** @return whether every subscriber can take one more record (true with none) */
    boolean hasDemand() {
        if (subscriptions.isEmpty()) {
            return true; // the common case, checked per record: no iterator to allocate
        }
        for (Subscription s : subscriptions) {
            if (s.demand.get() <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code resume} on the dispatcher once every subscriber has demand. Dispatcher only. */
    void whenDemand(Runnable resume) {
        onDemand.add(resume);
        if (hasDemand()) {
            signalDemand();
        }
    }

    /** Hands a record to every subscriber. Dispatcher only, after {@link #hasDemand()}. */
    void publish(KafkaRecord record) {
        if (subscriptions.isEmpty()) {
            return;
        }
        for (Subscription s : subscriptions) {
            s.demand.decrementAndGet();
            try {
                s.subscriber.onNext(record);
            } catch (RuntimeException e) {
                s.cancel();
                s.subscriber.onError(e);
            }
        }
    }

    /** Completes every subscription (the client closed). */
    void complete() {
        dispatcher.execute(() -> {
            completed = true;
            for (Subscription s : subscriptions) {
                s.subscriber.onComplete();
            }
            subscriptions.clear();
            signalDemand();
        });
    }

    private void signalDemand() {
        while (!onDemand.isEmpty() && hasDemand()) {
            Runnable r = onDemand.poll(); // one taker per delivery when a request races the dispatcher
            if (r != null) {
                dispatcher.execute(r);
            }
        }
    }

    private final class Subscription implements Flow.Subscription {
        final Flow.Subscriber<? super KafkaRecord> subscriber;
        final AtomicLong demand = new AtomicLong();

        Subscription(Flow.Subscriber<? super KafkaRecord> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive (§3.9)"));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            signalDemand();
        }

        @Override
        public void cancel() {
            subscriptions.remove(this);
            signalDemand();
        }
    }
}
