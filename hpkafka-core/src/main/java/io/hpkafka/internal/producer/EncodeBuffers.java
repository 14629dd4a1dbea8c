package io.hpkafka.internal.producer;

import io.hpkafka.internal.protocol.ProtocolWriter;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers holding compressed record batches between their compression on the driver's pool and the moment their
 * request is written on the network thread, reused rather than allocated per batch. Keeps at most
 * {@value #MAX_KEPT} buffers; each grows to the largest batch it held. Thread-safe.
 */
final class EncodeBuffers {

    /** Enough for every batch of five requests in flight to six partitions, with room to spare. */
    static final int MAX_KEPT = 64;
    private static final int INITIAL_BYTES = 64 * 1024;

    private final ConcurrentLinkedQueue<ProtocolWriter> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger kept = new AtomicInteger();

    /** @return an empty buffer */
    ProtocolWriter take() {
        ProtocolWriter w = free.poll();
        if (w == null) {
            return new ProtocolWriter(INITIAL_BYTES);
        }
        kept.decrementAndGet();
        w.reset();
        return w;
    }

    /** Takes a buffer back; the caller must not touch it afterwards. */
    void give(ProtocolWriter w) {
        if (kept.incrementAndGet() <= MAX_KEPT) {
            free.offer(w);
        } else {
            kept.decrementAndGet();
        }
    }
}
