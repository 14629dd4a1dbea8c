package io.hpkafka.test.proxy;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of one direction of a {@link FaultProxy}: every connection through the proxy obeys them from the next
 * frame on. Setters return this direction, for chaining. Thread-safe.
 */
public final class Direction {

    /** Matches frames of every API in {@link #corrupt(FrameFault, int, int)}. */
    public static final int ANY_API = -1;

    private final String name;
    private volatile long delayNanos;
    private volatile boolean blackHole;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();
    private final AtomicLong swallowed = new AtomicLong();

    Direction(String name) {
        this.name = name;
    }

    /**
     * Holds each frame this long before forwarding it (frames keep their order).
     *
     * @param delay the delay, {@link Duration#ZERO} for none
     * @return this direction
     */
    public Direction delay(Duration delay) {
        this.delayNanos = delay.toNanos();
        return this;
    }

    /**
     * @param on true: frames are read and dropped, the sockets stay open, so the peer waits for answers that never
     *           come (until it times out); false: forwarded again
     * @return this direction
     */
    public Direction blackHole(boolean on) {
        this.blackHole = on;
        return this;
    }

    /**
     * Applies {@code fault} to the next {@code frames} frames of any API.
     *
     * @param fault what to do to each
     * @param frames how many frames, at least 1
     * @return this direction
     */
    public Direction corrupt(FrameFault fault, int frames) {
        return corrupt(fault, frames, ANY_API);
    }

    /**
     * Applies {@code fault} to the next {@code frames} frames of one API: requests with that API key towards the
     * broker, the responses to them towards the client.
     *
     * @param fault what to do to each
     * @param frames how many frames, at least 1
     * @param apiKey the Kafka API key (e.g. 0 Produce, 1 Fetch), or {@link #ANY_API}
     * @return this direction
     */
    public Direction corrupt(FrameFault fault, int frames, int apiKey) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, was " + frames);
        }
        pending.add(new Pending(fault, apiKey, new AtomicInteger(frames)));
        return this;
    }

    /** @return frames forwarded unchanged */
    public long forwardedFrames() {
        return forwarded.get();
    }

    /** @return frames a {@link FrameFault} was applied to */
    public long corruptedFrames() {
        return corrupted.get();
    }

    /** @return frames dropped by the black hole */
    public long swallowedFrames() {
        return swallowed.get();
    }

    /** @return corruptions asked for and not yet applied */
    public int pendingCorruptions() {
        return pending.stream().mapToInt(p -> Math.max(0, p.remaining.get())).sum();
    }

    /** No delay, no black hole, no pending corruption. */
    public void heal() {
        delayNanos = 0;
        blackHole = false;
        pending.clear();
    }

    @Override
    public String toString() {
        return name;
    }

    long delayNanos() {
        return delayNanos;
    }

    boolean blackHole() {
        return blackHole;
    }

    void countForwarded() {
        forwarded.incrementAndGet();
    }

    void countSwallowed() {
        swallowed.incrementAndGet();
    }

    /** Takes the fault for a frame of {@code apiKey} (-1 when unknown), or null to forward it unchanged. */
    FrameFault take(int apiKey) {
        for (Pending p : pending) {
            if (p.apiKey != ANY_API && p.apiKey != apiKey) {
                continue;
            }
            int left = p.remaining.getAndDecrement();
            if (left <= 1) {
                pending.remove(p);
            }
            if (left >= 1) {
                corrupted.incrementAndGet();
                return p.fault;
            }
        }
        return null;
    }

    private record Pending(FrameFault fault, int apiKey, AtomicInteger remaining) {
    }
}
