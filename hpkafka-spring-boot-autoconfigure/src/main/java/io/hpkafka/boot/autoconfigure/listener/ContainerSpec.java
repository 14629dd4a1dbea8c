package io.hpkafka.boot.autoconfigure.listener;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import org.jspecify.annotations.Nullable;

/**
 * What every consumer of one listener container shares.
 * @param listenerId the container's id
 * @param client the client whose consumers it uses
 * @param groupId the group id, or null in simple mode
 * @param groupConfiguration the group settings (null in simple mode)
 * @param startFrom where simple mode starts reading
 * @param method the listener method
 * @param settings the listener's resolved {@code hpkafka.listener.*} settings
 * @param retry the retry policy
 * @param recoverer where records go that failed for good
 * @param replies forwards return values; null without {@code @SendTo}
 * @param observers told of every invocation of the listener
 */
record ContainerSpec(String listenerId, ClusterClient client, @Nullable String groupId,
        @Nullable ConsumerGroupConfiguration groupConfiguration, DefaultOffset startFrom, ListenerMethod method,
        HpKafkaListenerProperties settings, RetryPolicy retry, RecordRecoverer recoverer,
        @Nullable ReplySender replies, ListenerObservers observers) {
}
