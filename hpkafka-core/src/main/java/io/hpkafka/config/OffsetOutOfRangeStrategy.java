package io.hpkafka.config;

/**
 * Where a consumed partition restarts when the broker answers OFFSET_OUT_OF_RANGE: the position is below the log start
 * offset (records deleted by retention or DeleteRecords) or beyond the high watermark. Either way an offset-reset event
 * reports the jump.
 */
public enum OffsetOutOfRangeStrategy {
    /** Restart at the log start offset: the first record still retained (the default; never skips retained data). */
    EARLIEST,
    /** Restart at the high watermark: only records produced from now on. */
    LATEST
}
