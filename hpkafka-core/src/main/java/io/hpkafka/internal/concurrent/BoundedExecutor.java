package io.hpkafka.internal.concurrent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A view over a shared executor that runs at most {@code maxConcurrency} of its tasks at once (the driver's
 * {@code MaximumConcurrency}). It owns no thread: while it has work, up to that many drain loops run on the shared
 * executor, and none remain when the queue is empty, so an idle client holds no thread.
 */
public final class BoundedExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(BoundedExecutor.class);

    private final Executor delegate;
    private final int maxConcurrency;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param delegate the shared executor that supplies threads
     * @param maxConcurrency tasks of this view allowed at once, at least 1
     */
    public BoundedExecutor(Executor delegate, int maxConcurrency) {
        this.delegate = delegate;
        this.maxConcurrency = maxConcurrency;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (!queue.isEmpty() && tryAcquire()) {
            delegate.execute(this::drain);
        }
    }

    private boolean tryAcquire() {
        while (true) {
            int current = running.get();
            if (current >= maxConcurrency) {
                return false;
            }
            if (running.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            while ((task = queue.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    log.error("Uncaught error in a driver task", t);
                }
            }
            running.decrementAndGet();
            // A task may have arrived between the last poll and the decrement: keep it on this thread rather than
            // hand it to a new pool thread.
            if (queue.isEmpty() || !tryAcquire()) {
                return;
            }
        }
    }
}
