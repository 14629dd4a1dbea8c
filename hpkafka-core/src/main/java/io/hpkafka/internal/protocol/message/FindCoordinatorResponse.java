package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * FindCoordinator (key 10) response, v0-v6: one coordinator per key asked for. v0-v3 answer a single key at the top
 * level; they are presented here as one coordinator too.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms (v1+)
 * @param coordinators one per key, in response order
 */
public record FindCoordinatorResponse(int throttleTimeMs, List<Coordinator> coordinators) {

    /**
     * A key's coordinator, or an error such as COORDINATOR_NOT_AVAILABLE (then {@code nodeId} is -1).
     *
     * @param errorMessage the broker's explanation (v1+), may be null or empty
     */
    public record Coordinator(String key, int nodeId, String host, int port, short errorCode, String errorMessage) {
    }
}
