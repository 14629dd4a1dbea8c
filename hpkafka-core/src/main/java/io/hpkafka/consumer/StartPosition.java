package io.hpkafka.consumer;

/**
 * Where consumption of a partition starts.
 *
 * @param offset an offset, or {@link #EARLIEST} / {@link #LATEST}
 */
public record StartPosition(long offset) {
    /** The log start offset. */
    public static final long EARLIEST = -2L;
    /** The high watermark: only records produced from now on. */
    public static final long LATEST = -1L;

    /** @return whether the offset must first be looked up with ListOffsets */
    public boolean needsLookup() {
        return offset < 0;
    }
}
