package io.hpkafka.boot.autoconfigure.listener;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hpkafka.KafkaConsumer;
import org.jspecify.annotations.Nullable;

/**
 * What the record and batch handlers of one container consumer work with.
 * @param listenerId the container's id, for logs
 * @param consumer the consumer
 * @param thread the consumer's delivery thread (single-threaded: deliveries, timers and commit completions take
 * turns on it)
 * @param method the listener method
 * @param tracker decides commits; null in simple mode
 * @param retry the retry policy
 * @param recoverer where records go that failed for good
 * @param replies forwards return values; null without {@code @SendTo}
 * @param groupId the group id, or null in simple mode
 * @param stopping set once the consumer stops: a failure from then on (the listener interrupted past the shutdown
 * timeout, typically) leaves its record unprocessed, for redelivery, rather than retried or recovered
 * @param observers told of every invocation of the listener
 */
record MemberParts(String listenerId, KafkaConsumer<?, ?> consumer, ScheduledExecutorService thread,
        ListenerMethod method, @Nullable OffsetTracker tracker, RetryPolicy retry, RecordRecoverer recoverer,
        @Nullable ReplySender replies, @Nullable String groupId, AtomicBoolean stopping,
        ListenerObservers observers) {
}
