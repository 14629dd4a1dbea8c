package io.hpkafka.internal.producer;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands produced records from any number of threads to the producer's actor without a queue node or task per
 * record: producers push onto a lock-free stack linked through the records themselves (one CAS), and the push that
 * finds the stack empty asks for a drain. A drain takes the whole stack at once and hands the records on in the
 * order each thread pushed them.
 * <p>
 * Every non-empty state has exactly one drain asked for and not yet run: the push onto an empty stack asks, and a
 * drain empties the stack in one atomic step.
 */
final class RecordIntake {

    private final AtomicReference<PendingRecord> top = new AtomicReference<>();

    /**
     * Pushes a record.
     *
     * @return {@code true} if the stack was empty: the caller must then have {@link #drain} run once
     */
    boolean push(PendingRecord record) {
        PendingRecord before;
        do {
            before = top.get();
            record.intakeLink = before;
        } while (!top.compareAndSet(before, record));
        return before == null;
    }

    /** Takes every record pushed so far and hands each to {@code sink}, oldest first. Run by one thread at a time. */
    void drain(Consumer<PendingRecord> sink) {
        PendingRecord newest = top.getAndSet(null);
        PendingRecord oldest = null;
        while (newest != null) { // reverse the links: newest-first becomes oldest-first
            PendingRecord before = newest.intakeLink;
            newest.intakeLink = oldest;
            oldest = newest;
            newest = before;
        }
        while (oldest != null) {
            PendingRecord next = oldest.intakeLink;
            oldest.intakeLink = null;
            sink.accept(oldest);
            oldest = next;
        }
    }
}
