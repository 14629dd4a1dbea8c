package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * DescribeConfigs (key 32) response, v1-v4. Synonyms, types and documentation are read past, not kept.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms
 * @param results one per resource asked for
 */
public record DescribeConfigsResponse(int throttleTimeMs, List<Result> results) {

    /** @param errorCode e.g. UNKNOWN_TOPIC_OR_PARTITION, TOPIC_AUTHORIZATION_FAILED */
    public record Result(short errorCode, String errorMessage, byte resourceType, String resourceName,
                         List<Config> configs) {
    }

    /**
     * @param value the value, or null when sensitive or unset
     * @param configSource 1 topic, 2 dynamic broker, 3 dynamic default broker, 4 static broker, 5 default, ...; -1
     *     unknown
     */
    public record Config(String name, String value, boolean readOnly, byte configSource, boolean sensitive) {
    }
}
