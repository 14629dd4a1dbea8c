package io.hpkafka.config;

/** Where a group member starts reading a partition for which the group has no committed offset. */
public enum DefaultOffset {
    /** The log start offset: every retained record. */
    EARLIEST,
    /** The high watermark: only records produced from now on (the default, as in the Java client). */
    LATEST
}
