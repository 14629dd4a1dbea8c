package io.hpkafka.internal.protocol.compression;

import io.hpkafka.internal.protocol.ProtocolException;

import java.nio.ByteBuffer;

/**
 * Where a codec writes decompressed bytes: a heap array that grows on demand up to a fixed limit and is refused
 * beyond it, so a decompression bomb costs at most the limit, never an out-of-memory. Owned by one {@link Workspace};
 * reused from batch to batch while small, dropped after use when it grew large.
 */
final class DecompressionBuffer {

    private static final byte[] EMPTY = new byte[0];
    /** First allocation; most batches of the Java client (16 KiB batch.size) inflate to less. */
    private static final int MIN_CAPACITY = 64 * 1024;

    private byte[] array = EMPTY;
    private int size;
    private int limit;

    /** Starts a decompression: empty, refusing more than {@code limitBytes} in total. */
    void begin(int limitBytes) {
        size = 0;
        limit = limitBytes;
    }

    /** @return the backing array; bytes {@code [0, size())} are the output. Re-read after every reserve. */
    byte[] array() {
        return array;
    }

    /** @return bytes written, in bytes */
    int size() {
        return size;
    }

    /** @return bytes that may still be written before the limit */
    int available() {
        return limit - size;
    }

    /** @return bytes that fit without growing the array */
    int spare() {
        return array.length - size;
    }

    /**
     * Makes room for {@code n} more bytes after {@link #size()}.
     *
     * @throws ProtocolException if that would pass the limit
     */
    void reserve(int n) {
        if (n < 0 || n > limit - size) {
            throw beyondLimit();
        }
        int needed = size + n;
        if (needed > array.length) {
            // Doubling keeps a growing inflate linear; the cap keeps a bomb at the limit.
            int capacity = (int) Math.min(limit, Math.max(needed, Math.max(MIN_CAPACITY, 2L * array.length)));
            byte[] grown = new byte[capacity];
            System.arraycopy(array, 0, grown, 0, size);
            array = grown;
        }
    }

    /**
     * Makes room for up to {@code n} more bytes, fewer when the limit is closer.
     *
     * @return the room made, at least 1
     * @throws ProtocolException if the limit is reached
     */
    int reserveUpTo(int n) {
        int room = Math.min(n, limit - size);
        if (room <= 0) {
            throw beyondLimit();
        }
        reserve(room);
        return room;
    }

    /** Counts {@code n} bytes written into {@link #array()} after {@link #size()}. */
    void advance(int n) {
        size += n;
    }

    /** @return the output as a heap buffer sharing the array, position 0, limit {@link #size()} */
    ByteBuffer view() {
        return ByteBuffer.wrap(array, 0, size);
    }

    /** Ends a decompression; keeps the array for the next one unless it is larger than {@code retainBytes}. */
    void release(int retainBytes) {
        size = 0;
        if (array.length > retainBytes) {
            array = EMPTY;
        }
    }

    ProtocolException beyondLimit() {
        return new ProtocolException("records inflate beyond the limit of " + limit + " bytes");
    }
}
