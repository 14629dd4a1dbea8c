package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * DeleteTopics (key 20) response, v1-v5.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms
 * @param topics one result per topic asked for
 */
public record DeleteTopicsResponse(int throttleTimeMs, List<TopicResult> topics) {

    /**
     * @param errorCode e.g. UNKNOWN_TOPIC_OR_PARTITION, TOPIC_DELETION_DISABLED
     * @param errorMessage the broker's explanation (v5+), or null
     */
    public record TopicResult(String name, short errorCode, String errorMessage) {
    }
}
