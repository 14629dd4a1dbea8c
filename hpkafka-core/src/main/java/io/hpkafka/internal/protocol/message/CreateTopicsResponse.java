package io.hpkafka.internal.protocol.message;

import java.util.List;
import java.util.UUID;

/**
 * CreateTopics (key 19) response, v2-v7.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms
 * @param topics one result per topic asked for
 */
public record CreateTopicsResponse(int throttleTimeMs, List<TopicResult> topics) {

    /**
     * @param topicId the new topic's id (v7+), all zero otherwise
     * @param errorCode e.g. TOPIC_ALREADY_EXISTS, INVALID_REPLICATION_FACTOR, INVALID_CONFIG, POLICY_VIOLATION
     * @param errorMessage the broker's explanation, may be null or empty
     * @param topicConfigErrorCode why {@code configs} is missing (v5+, tagged), e.g. an authorization error
     * @param numPartitions the partitions created (v5+), or -1
     * @param replicationFactor the replicas per partition (v5+), or -1
     * @param configs the topic's configs (v5+); empty before v5 or when they could not be described
     */
    public record TopicResult(String name, UUID topicId, short errorCode, String errorMessage,
                              short topicConfigErrorCode, int numPartitions, short replicationFactor,
                              List<Config> configs) {
    }

    /** @param configSource where the value comes from, as DescribeConfigs names it, or -1 */
    public record Config(String name, String value, boolean readOnly, byte configSource, boolean sensitive) {
    }
}
