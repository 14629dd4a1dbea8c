package io.hpkafka.config;

/** How produced records are grouped into Produce requests. */
public enum BatchStrategy {
    /** One accumulator per broker: a batch holds records for the partitions that broker leads (the default). */
    BY_NODE,
    /** One accumulator for the whole client, split per broker when it is sent. */
    GLOBAL
}
