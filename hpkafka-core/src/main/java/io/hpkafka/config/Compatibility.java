package io.hpkafka.config;

/**
 * Which protocol versions the client may use. {@link #NEGOTIATE} asks each broker (ApiVersions, API key 18) and picks,
 * per API, the highest version both sides support. The legacy modes pin old API versions and message formats for
 * brokers that predate ApiVersions ({@code ApiKey.pinnedVersion} says which); no version is negotiated then. Kafka 4.x removed those versions (KIP-896): a
 * legacy mode against a 4.x broker fails its Produce, Fetch and ListOffsets requests with an
 * {@link io.hpkafka.internal.network.UnsupportedVersionException} that names the mode.
 * <p>
 * Legacy message formats carry no record headers (a record with headers is refused) and no ZSTD; message format v0
 * has no timestamps (records are read back with timestamp -1) and no LZ4 (its frame checksum was computed wrongly,
 * KAFKA-3160).
 */
public enum Compatibility {
    /** Negotiate per connection with ApiVersions (the default; works with Kafka 0.10.0 and later). */
    NEGOTIATE,
    /**
     * Kafka 0.8.2 APIs and message format v0, no ApiVersions request: Produce v0, Fetch v0, ListOffsets v0 (old-style
     * offsets array), Metadata v0. Consumer groups need 0.9 brokers: OffsetCommit v2, OffsetFetch v1,
     * FindCoordinator, JoinGroup, SyncGroup, Heartbeat and LeaveGroup v0. No SASL, no InitProducerId.
     */
    V0_8_2,
    /**
     * Kafka 0.10.1 APIs and message format v1 (timestamps, relative offsets in compressed sets): Produce v2, Fetch v3
     * (response size limit, KIP-74), ListOffsets v1 (KIP-79), Metadata v2 (cluster id), JoinGroup v1 (KIP-62),
     * OffsetCommit v2, OffsetFetch v1, FindCoordinator, SyncGroup, Heartbeat, LeaveGroup and SaslHandshake v0.
     * ApiVersions v0 (which 0.10.0 introduced) is asked only to check that the broker still serves these versions.
     */
    V0_10_1;

    /** @return the record format (magic) this mode produces: 0, 1, or 2 for {@link #NEGOTIATE} */
    public byte messageFormat() {
        return switch (this) {
            case NEGOTIATE -> 2;
            case V0_8_2 -> 0;
            case V0_10_1 -> 1;
        };
    }
}
