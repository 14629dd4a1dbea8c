package io.hpkafka.group;

import io.hpkafka.event.EventListeners;

/**
 * The listeners a group member raises events to; owned by the client, so registrations outlive a subscription.
 */
public record GroupListeners(EventListeners<PartitionsAssigned> assigned, EventListeners<PartitionsRevoked> revoked,
                             EventListeners<OffsetsCommitted> committed, EventListeners<CommitFailed> commitFailed) {
}
