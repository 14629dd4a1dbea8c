package io.hpkafka.internal.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The client's single socket thread: one NIO selector for every broker connection. Connections change state only on
 * this thread; other threads hand it work with {@link #execute(Runnable)}. It never runs user code and never decodes
 * more than a frame's header.
 */
public final class IoLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IoLoop.class);
    /** Longest sleep in select, in ms: bounds how late a request timeout or a reconnect is noticed. */
    private static final long TICK_MS = 50;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    // Guarded by confinement to the loop thread.
    private final List<BrokerConnection> connections = new ArrayList<>();
    private volatile boolean running = true;

    /** @param name the thread's name */
    public IoLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs {@code task} on the loop thread, soon. Tasks handed in after {@link #close()} are dropped. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** @return whether the caller is the loop thread */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    Selector selector() {
        return selector;
    }

    void register(BrokerConnection connection) {
        connections.add(connection);
    }

    void unregister(BrokerConnection connection) {
        connections.remove(connection);
    }

    private void run() {
        while (running) {
            try {
                runTasks();
                selector.select(TICK_MS);
                for (SelectionKey key : selector.selectedKeys()) {
                    ((BrokerConnection) key.attachment()).onSelected(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                for (int i = connections.size() - 1; i >= 0; i--) {
                    connections.get(i).onTick(now);
                }
            } catch (Throwable t) {
                // One bad connection must not stop every other one: log and go on.
                log.error("Unexpected error in the I/O loop", t);
            }
        }
        runTasks();
        for (BrokerConnection c : new ArrayList<>(connections)) {
            c.shutdown();
        }
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("Closing the selector failed", e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Fails every request still pending with a "client closed" error, closes every socket and stops the thread. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
