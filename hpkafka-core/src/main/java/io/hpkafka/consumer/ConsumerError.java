package io.hpkafka.consumer;

/**
 * Something went wrong for one consumer: raised on its error channel so that a stalled consumer is never silent.
 * Fetch and start-offset errors the consumer retries come with {@code retrying = true} (at most one event per partition
 * and back-off, 200 ms); a fetch or start-offset error it gives up on ({@code retrying = false}) means the partition
 * named is no longer consumed. Deserialization failures and listeners that threw ({@code retrying = false}: the
 * record is skipped, the next follows) and consumer-group errors come here too: a join, sync, heartbeat or
 * committed-offset lookup that failed, partitions lost ({@code retrying = true}: the member goes on by itself), or a
 * join the broker refuses for good ({@code retrying = false}, for example INCONSISTENT_GROUP_PROTOCOL when the group's
 * members use another protocol type or no assignor in common: the member stops joining and owns no partition).
 *
 * @param kind where the error arose
 * @param topic the topic concerned, or null when the error concerns a whole request (a broker that cannot be reached)
 *     or the group
 * @param partition the partition concerned, or -1
 * @param offset the record's offset for a deserialization failure, else the position the consumer was at, or -1
 * @param error what happened: a Kafka error code name (for example {@code NOT_LEADER_OR_FOLLOWER}) or a message
 * @param retrying whether the consumer goes on trying by itself
 * @param cause the exception behind it, or null
 */
public record ConsumerError(Kind kind, String topic, int partition, long offset, String error, boolean retrying,
                            Throwable cause) {

    /** Where a consumer error arose. */
    public enum Kind {
        /** A Fetch request or a partition in its answer failed (API key 1). */
        FETCH,
        /** A start-offset lookup failed (ListOffsets, API key 2). */
        OFFSET_LOOKUP,
        /** A record's key or value could not be deserialized; the record is skipped, the next follows. */
        DESERIALIZATION,
        /**
         * A listener threw while handling a record: the record counts as processed (a group commits past it) and the
         * next follows, as the seed driver does; a listener that must not lose it handles its own failure.
         */
        LISTENER,
        /** The consumer group: coordinator lookup, join, sync, heartbeat, committed-offset lookup, lost partitions. */
        GROUP
    }
}
