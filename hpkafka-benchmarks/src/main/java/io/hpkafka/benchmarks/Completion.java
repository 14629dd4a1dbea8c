package io.hpkafka.benchmarks;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts records towards an expected total from any thread, and wakes the waiting harness thread at the total.
 * Failed records (discarded, expired, exception) count towards the total too, and are reported apart.
 */
final class Completion {

    private final AtomicLong remaining = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Thread waiter;

    /** Expects {@code records} more; call before they can complete. */
    void expect(long records) {
        remaining.addAndGet(records);
    }

    void done(long records) {
        if (remaining.addAndGet(-records) <= 0) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    void failed(long records) {
        failed.addAndGet(records);
        done(records);
    }

    long failedCount() {
        return failed.get();
    }

    /** Waits until every expected record completed. */
    void await(long timeoutMs) throws TimeoutException {
        waiter = Thread.currentThread();
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (remaining.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(remaining.get() + " records still outstanding after " + timeoutMs + " ms");
            }
            LockSupport.parkNanos(this, Math.min(left, 10_000_000));
        }
        waiter = null;
    }
}
