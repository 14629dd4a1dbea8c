package io.hpkafka.internal.group;

import io.hpkafka.group.CommitFailed;
import io.hpkafka.group.OffsetsCommitted;
import io.hpkafka.group.PartitionsAssigned;
import io.hpkafka.group.PartitionsRevoked;
import io.hpkafka.group.PartitionsRevoking;
import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.internal.event.EventListeners;

/**
 * The listeners a group member raises events to; owned by its consumer, so registrations made before the subscription
 * see every event.
 *
 * @param revoking raised on the consumer's delivery executor before the commit of partitions given up
 * @param errors the consumer's error channel, where group errors go (kind {@link ConsumerError.Kind#GROUP})
 */
public record GroupListeners(EventListeners<PartitionsAssigned> assigned, EventListeners<PartitionsRevoking> revoking,
                             EventListeners<PartitionsRevoked> revoked, EventListeners<OffsetsCommitted> committed,
                             EventListeners<CommitFailed> commitFailed, EventListeners<ConsumerError> errors) {

    /**
     * @param errors the consumer's error channel
     * @return listeners of a new consumer: empty, except the shared error channel
     */
    public static GroupListeners create(EventListeners<ConsumerError> errors) {
        return new GroupListeners(new EventListeners<>("partitions-assigned"),
                new EventListeners<>("partitions-revoking"), new EventListeners<>("partitions-revoked"),
                new EventListeners<>("offsets-committed"), new EventListeners<>("commit-failed"), errors);
    }
}
