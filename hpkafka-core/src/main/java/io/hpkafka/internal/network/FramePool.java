package io.hpkafka.internal.network;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Response frame buffers of one connection, reused instead of allocated per response. Buffers come in power-of-two
 * capacities from 1 KiB to {@value #MAX_POOLED_BYTES} bytes, at most {@value #PER_CLASS} kept per capacity, so the
 * pool holds a bounded amount of memory; larger frames are allocated and left to the GC. Thread-safe: frames are
 * taken on the I/O thread and given back by whichever thread finished decoding them.
 * <p>
 * Ownership: a frame belongs to the I/O thread while it is read, then to the response's decoder; the decoder gives it
 * back with {@link #release} once nothing refers to its bytes any more (a Fetch response's records are views into
 * it until they are decoded). A frame that is never released is simply collected.
 */
final class FramePool {

    /** Largest buffer kept for reuse, in bytes (16 MiB). */
    static final int MAX_POOLED_BYTES = 1 << 24;
    private static final int MIN_SHIFT = 10;
    private static final int MAX_SHIFT = 24;
    private static final int PER_CLASS = 2;

    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedQueue<ByteBuffer>[] free = new ConcurrentLinkedQueue[MAX_SHIFT + 1];
    private final AtomicInteger[] kept = new AtomicInteger[MAX_SHIFT + 1];

    FramePool() {
        for (int shift = MIN_SHIFT; shift <= MAX_SHIFT; shift++) {
            free[shift] = new ConcurrentLinkedQueue<>();
            kept[shift] = new AtomicInteger();
        }
    }

    /** @return a buffer with position 0 and limit {@code size} bytes */
    ByteBuffer acquire(int size) {
        int shift = shiftFor(size);
        if (shift > MAX_SHIFT) {
            return ByteBuffer.allocate(size);
        }
        ByteBuffer buffer = free[shift].poll();
        if (buffer == null) {
            return ByteBuffer.allocate(1 << shift).limit(size);
        }
        kept[shift].decrementAndGet();
        return buffer.clear().limit(size);
    }

    /** Takes a frame back for reuse; the caller must not touch it afterwards. */
    void release(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        int shift = Integer.numberOfTrailingZeros(capacity);
        if (buffer.isDirect() || buffer.isReadOnly() || Integer.bitCount(capacity) != 1 || shift < MIN_SHIFT
                || shift > MAX_SHIFT) {
            return;
        }
        if (kept[shift].incrementAndGet() <= PER_CLASS) {
            free[shift].offer(buffer);
        } else {
            kept[shift].decrementAndGet();
        }
    }

    private static int shiftFor(int size) {
        return Math.max(MIN_SHIFT, 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1));
    }
}
