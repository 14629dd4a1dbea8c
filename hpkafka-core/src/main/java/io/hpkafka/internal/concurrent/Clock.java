package io.hpkafka.internal.concurrent;

/**
 * The time the engines read: a monotonic clock for timeouts and back-offs, and the wall clock for record timestamps
 * and {@code messageTtl}. Passed in (never read from {@link System} inside an engine), so that state machines can be
 * tested with a manual clock. Implementations are thread-safe.
 */
public interface Clock {

    /** The system's clocks. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };

    /** @return monotonic time in ns, only meaningful as a difference (as {@link System#nanoTime()}) */
    long nanoTime();

    /** @return wall-clock time in ms since the epoch (as {@link System#currentTimeMillis()}) */
    long currentTimeMillis();
}
