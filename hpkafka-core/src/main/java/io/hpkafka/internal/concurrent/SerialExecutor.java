package io.hpkafka.internal.concurrent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs its tasks one at a time, in submission order, on another executor: an actor's mailbox. State touched only
 * from its tasks needs no lock. Never blocks a thread while waiting for its turn.
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    /** Tasks run in a row before the drain gives its thread back to the delegate's other work. */
    private final int tasksPerTurn;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param delegate the executor the tasks run on; a turn lasts while tasks are queued */
    public SerialExecutor(Executor delegate) {
        this(delegate, Integer.MAX_VALUE);
    }

    private SerialExecutor(Executor delegate, int tasksPerTurn) {
        this.delegate = delegate;
        this.tasksPerTurn = tasksPerTurn;
    }

    /**
     * @param delegate the executor the tasks run on
     * @return a serial executor that takes one turn per task: after each task it queues itself on {@code delegate}
     *     again, behind the work of others (on a bounded delegate, serial executors that share it take turns instead
     *     of one keeping a thread for as long as its queue is full)
     */
    public static SerialExecutor takingTurns(Executor delegate) {
        return new SerialExecutor(delegate, 1);
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (scheduled.compareAndSet(false, true)) {
            delegate.execute(this::drain);
        }
    }

    private void drain() {
        Runnable task;
        int left = tasksPerTurn;
        while ((task = queue.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                log.error("Uncaught error in a serial driver task", t);
            }
            if (--left == 0 && !queue.isEmpty()) {
                delegate.execute(this::drain); // still scheduled: the next turn goes behind the others' work
                return;
            }
        }
        scheduled.set(false);
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            delegate.execute(this::drain);
        }
    }
}
