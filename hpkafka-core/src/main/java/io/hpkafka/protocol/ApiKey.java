package io.hpkafka.protocol;

/**
 * The Kafka APIs this client speaks, with the version range it implements. For each connection the version used is
 * the highest one inside both this range and the range the broker advertises in its ApiVersions response.
 */
public enum ApiKey {
    /** Produce (key 0). v3+ carries record batch v2; Kafka 4.x advertises v0-v2 but rejects them (KIP-896). */
    PRODUCE(0, 3, 8),
    /** Fetch (key 1). v4+ returns record batch v2 and the last stable offset. */
    FETCH(1, 4, 11),
    /** ListOffsets (key 2). v1+ returns a single offset per partition. */
    LIST_OFFSETS(2, 1, 5),
    /** Metadata (key 3). v4+ lets the client ask for topic auto-creation. */
    METADATA(3, 4, 8),
    /** ApiVersions (key 18). Sent first on every connection; the broker answers with response header v0. */
    API_VERSIONS(18, 0, 2);

    private final short id;
    private final short minVersion;
    private final short maxVersion;

    ApiKey(int id, int minVersion, int maxVersion) {
        this.id = (short) id;
        this.minVersion = (short) minVersion;
        this.maxVersion = (short) maxVersion;
    }

    /** @return the API key on the wire */
    public short id() { return id; }

    /** @return the lowest version this client implements */
    public short minVersion() { return minVersion; }

    /** @return the highest version this client implements */
    public short maxVersion() { return maxVersion; }
}
