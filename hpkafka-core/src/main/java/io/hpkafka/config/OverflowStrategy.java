package io.hpkafka.config;

/** What {@code produce} does when {@code maxBufferedMessages} records are already waiting in the client. */
public enum OverflowStrategy {
    /** Block the caller until there is room (the default). */
    BLOCK,
    /** Return {@code false} at once and report the record as discarded. */
    DISCARD
}
