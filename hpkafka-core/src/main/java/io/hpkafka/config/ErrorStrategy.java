package io.hpkafka.config;

/** What the producer does with records whose Produce request failed on the network after it was sent. */
public enum ErrorStrategy {
    /** Report the records as discarded (the default: a resend could duplicate them). */
    DISCARD,
    /** Send them again, until {@code messageTtl} expires them. */
    RETRY
}
