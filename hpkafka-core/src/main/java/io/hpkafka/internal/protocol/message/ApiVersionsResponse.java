package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;

import java.util.List;

/**
 * ApiVersions (key 18) response, v0-v4: the version ranges a broker serves, indexed by API key (-1 where it does not
 * serve the API), and from v3 the features it supports and the cluster's finalized feature levels (KIP-584), such as
 * {@code transaction.version}, which decides whether transactions may use Produce v12+ (KIP-890).
 *
 * @param errorCode top-level error code; UNSUPPORTED_VERSION when the broker did not know the request's version
 * @param minVersions lowest version per API key
 * @param maxVersions highest version per API key
 * @param throttleTimeMs how long the broker throttled the request, in ms (v1+)
 * @param supportedFeatures the feature ranges the broker supports (v3+, tagged)
 * @param finalizedFeaturesEpoch epoch of {@code finalizedFeatures}, -1 if unknown (v3+, tagged)
 * @param finalizedFeatures the cluster-wide finalized feature levels (v3+, tagged)
 */
public record ApiVersionsResponse(short errorCode, short[] minVersions, short[] maxVersions, int throttleTimeMs,
                                  List<Feature> supportedFeatures, long finalizedFeaturesEpoch,
                                  List<Feature> finalizedFeatures) {

    /** Highest API key kept; brokers list keys up to ~90 today. */
    public static final int MAX_API_KEY = 127;

    /**
     * A feature's version range: for supported features the range the broker can run, for finalized ones the
     * range of levels in force.
     */
    public record Feature(String name, short minVersion, short maxVersion) {
    }

    /**
     * @return the highest version both this client and the broker support, or -1 when the ranges do not meet
     */
    public short negotiate(ApiKey api) {
        return negotiate(api, api.minVersion(), api.maxVersion());
    }

    /**
     * @param clientMin lowest version the caller accepts (at least the API's minimum)
     * @param clientMax highest version the caller accepts (at most the API's maximum)
     * @return the highest version inside both ranges and the broker's, or -1 when they do not meet
     */
    public short negotiate(ApiKey api, short clientMin, short clientMax) {
        short brokerMin = minVersions[api.id()];
        short brokerMax = maxVersions[api.id()];
        if (brokerMax < 0) {
            return -1;
        }
        short chosen = (short) Math.min(Math.min(api.maxVersion(), clientMax), brokerMax);
        short lowest = (short) Math.max(Math.max(api.minVersion(), clientMin), brokerMin);
        return chosen >= lowest ? chosen : -1;
    }

    /** @return the finalized level of {@code feature}, or 0 when the cluster has not finalized it */
    public short finalizedLevel(String feature) {
        for (Feature f : finalizedFeatures) {
            if (f.name().equals(feature)) {
                return f.maxVersion();
            }
        }
        return 0;
    }
}
