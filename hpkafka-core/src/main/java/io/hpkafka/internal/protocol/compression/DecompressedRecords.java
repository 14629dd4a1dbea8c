package io.hpkafka.internal.protocol.compression;

import java.nio.ByteBuffer;

/**
 * The decompressed records section of one batch, lent by the calling thread's workspace. Read {@link #buffer()},
 * copy out what must outlive it, then {@link #close()}: the bytes are overwritten by the thread's next
 * decompression. Not thread-safe; close it on the thread that obtained it.
 */
public final class DecompressedRecords implements AutoCloseable {

    private final Workspace owner;
    private ByteBuffer buffer;

    DecompressedRecords(Workspace owner) {
        this.owner = owner;
    }

    DecompressedRecords open(ByteBuffer view) {
        this.buffer = view;
        return this;
    }

    /**
     * @return the decompressed bytes, position 0 to limit, on the heap; valid until {@link #close()}
     * @throws IllegalStateException after {@link #close()}
     */
    public ByteBuffer buffer() {
        if (buffer == null) {
            throw new IllegalStateException("decompressed records were already released");
        }
        return buffer;
    }

    /** Gives the bytes back to the workspace. Idempotent. */
    @Override
    public void close() {
        if (buffer != null) {
            buffer = null;
            owner.release();
        }
    }
}
