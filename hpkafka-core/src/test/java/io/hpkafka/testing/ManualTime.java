package io.hpkafka.testing;

import io.hpkafka.internal.concurrent.Clock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock that moves only when told, and a timer whose tasks run (on the calling thread) when the clock passes their
 * time: the engines' state machines run deterministically, in milliseconds, in unit tests. Not thread-safe: one test
 * thread drives it, and the engines run on a direct executor.
 */
public final class ManualTime extends AbstractExecutorService implements Clock, ScheduledExecutorService {

    private long nanos = 1_000_000_000L;
    private long wallOffsetMillis = 1_700_000_000_000L;
    private long sequence;
    private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>();
    private boolean shutdown;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return wallOffsetMillis + TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Moves time forward by {@code ms}, running every task that falls due, in time order. */
    public void advance(long ms) {
        long target = nanos + TimeUnit.MILLISECONDS.toNanos(ms);
        Task<?> next;
        while ((next = tasks.peek()) != null && next.atNanos <= target) {
            tasks.poll();
            nanos = Math.max(nanos, next.atNanos);
            next.run();
        }
        nanos = target;
    }

    /** Moves time forward by {@code duration}; see {@link #advance(long)}. */
    public void advance(Duration duration) {
        advance(duration.toMillis());
    }

    /** Runs the tasks due now (a zero delay), without moving time. */
    public void runDue() {
        advance(0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(() -> {
            command.run();
            return null;
        }, unit.toNanos(delay), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, unit.toNanos(delay), 0);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduleWithFixedDelay(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(() -> {
            command.run();
            return null;
        }, unit.toNanos(initialDelay), unit.toNanos(delay));
    }

    private <V> Task<V> add(Callable<V> body, long delayNanos, long periodNanos) {
        Task<V> task = new Task<>(body, nanos + Math.max(0, delayNanos), periodNanos, sequence++);
        if (!shutdown) {
            tasks.add(task);
        }
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {
        shutdown = true;
        tasks.clear();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }

    @Override
    public <T> List<java.util.concurrent.Future<T>> invokeAll(Collection<? extends Callable<T>> callables) {
        throw new UnsupportedOperationException();
    }

    private final class Task<V> implements ScheduledFuture<V>, Runnable {
        final Callable<V> body;
        final long periodNanos;
        final long order;
        long atNanos;
        final CompletableFuture<V> future = new CompletableFuture<>();

        Task(Callable<V> body, long atNanos, long periodNanos, long order) {
            this.body = body;
            this.atNanos = atNanos;
            this.periodNanos = periodNanos;
            this.order = order;
        }

        @Override
        public void run() {
            if (future.isDone()) {
                return;
            }
            try {
                V v = body.call();
                if (periodNanos > 0) {
                    atNanos = nanos + periodNanos;
                    tasks.add(this);
                } else {
                    future.complete(v);
                }
            } catch (Exception e) {
                future.completeExceptionally(e);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> other = (Task<?>) o;
            int c = Long.compare(atNanos, other.atNanos);
            return c != 0 ? c : Long.compare(order, other.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            tasks.remove(this);
            return future.cancel(false);
        }

        @Override
        public boolean isCancelled() {
            return future.isCancelled();
        }

        @Override
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return future.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException {
            return future.getNow(null);
        }
    }
}
