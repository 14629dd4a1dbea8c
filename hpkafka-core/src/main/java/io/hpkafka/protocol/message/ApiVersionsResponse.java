package io.hpkafka.protocol.message;

import io.hpkafka.protocol.ApiKey;

/**
 * The version ranges a broker serves, indexed by API key (-1 where it does not serve the API).
 *
 * @param errorCode top-level error code
 * @param minVersions lowest version per API key
 * @param maxVersions highest version per API key
 */
public record ApiVersionsResponse(short errorCode, short[] minVersions, short[] maxVersions) {

    /** Highest API key kept; brokers list keys up to ~90 today. */
    public static final int MAX_API_KEY = 127;

    /**
     * @return the highest version both this client and the broker support, or -1 when the ranges do not meet
     */
    public short negotiate(ApiKey api) {
        short brokerMin = minVersions[api.id()];
        short brokerMax = maxVersions[api.id()];
        if (brokerMax < 0) {
            return -1;
        }
        short chosen = (short) Math.min(api.maxVersion(), brokerMax);
        return chosen >= Math.max(api.minVersion(), brokerMin) ? chosen : -1;
    }
}
