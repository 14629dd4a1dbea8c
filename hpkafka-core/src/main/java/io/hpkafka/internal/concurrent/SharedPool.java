package io.hpkafka.internal.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool shared by every client of the JVM that was given no executor of its own. Threads are daemons, created on
 * demand and retired after 60 s idle; each client only ever uses a {@link BoundedExecutor} view of it.
 */
public final class SharedPool {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "hpkafka-worker-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private SharedPool() {
    }

    /** @return the shared pool */
    public static ExecutorService get() {
        return POOL;
    }
}
