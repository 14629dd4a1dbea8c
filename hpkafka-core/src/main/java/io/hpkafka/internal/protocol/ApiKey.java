package io.hpkafka.internal.protocol;

import io.hpkafka.config.Compatibility;

/**
 * The Kafka APIs this client speaks, with the version range it implements and the first flexible version (KIP-482:
 * compact strings and arrays, tagged fields, request header v2 and response header v1). For each connection the
 * version used is the highest one inside both this range and the range the broker advertises in its ApiVersions
 * response; a broker's advertised minimum is not trusted on its own (see {@link #PRODUCE}).
 * <p>
 * The ranges stop where an API switches from topic names to topic ids (KIP-516): Produce v13, Fetch v13,
 * OffsetCommit and OffsetFetch v10. Metadata and ListOffsets stop at the highest version both Kafka 3.9 and 4.1
 * serve.
 * <p>
 * Below those ranges, Produce, Fetch, ListOffsets and Metadata also implement the old versions that the pinned
 * {@link io.hpkafka.config.Compatibility} modes send ({@link #lowestVersion()}); negotiation never picks them.
 */
public enum ApiKey {
    /**
     * Produce (key 0) v3-v12. v3+ carries record batch v2; v9+ is flexible; v10+ answers with the new leader on
     * NOT_LEADER_OR_FOLLOWER (KIP-951). Kafka 4.x advertises v0-v2 but rejects them (KIP-896), so our minimum stays
     * 3 whatever the broker says.
     */
    PRODUCE(0, 3, 12, 9, 0),
    /** Fetch (key 1) v4-v12. v4+ returns record batch v2 and the last stable offset; v12 is flexible. */
    FETCH(1, 4, 12, 12, 0),
    /** ListOffsets (key 2) v1-v9. v1+ returns a single offset per partition; v6+ flexible. */
    LIST_OFFSETS(2, 1, 9, 6, 0),
    /** Metadata (key 3) v4-v12. v4+ lets the client ask for topic auto-creation; v9+ flexible. */
    METADATA(3, 4, 12, 9, 0),
    /** OffsetCommit (key 8) v2-v9. Kafka 4.x removed v0-v1; v8+ flexible. */
    OFFSET_COMMIT(8, 2, 9, 8),
    /** OffsetFetch (key 9) v1-v9. Kafka 4.x removed v0; v6+ flexible; v8+ asks for several groups at once. */
    OFFSET_FETCH(9, 1, 9, 6),
    /** FindCoordinator (key 10) v0-v6. v3+ flexible; v4+ looks up several keys at once (KIP-699). */
    FIND_COORDINATOR(10, 0, 6, 3),
    /** JoinGroup (key 11) v0-v9. v4+ answers a first join with MEMBER_ID_REQUIRED (KIP-394); v6+ flexible. */
    JOIN_GROUP(11, 0, 9, 6),
    /** Heartbeat (key 12) v0-v4. v4 flexible. */
    HEARTBEAT(12, 0, 4, 4),
    /** LeaveGroup (key 13) v0-v5. v3+ removes several members at once (KIP-345); v4+ flexible. */
    LEAVE_GROUP(13, 0, 5, 4),
    /** SyncGroup (key 14) v0-v5. v4+ flexible; v5+ carries the protocol type and name (KIP-559). */
    SYNC_GROUP(14, 0, 5, 4),
    /**
     * DescribeGroups (key 15) v0-v6. v3+ can return authorized operations; v4+ names static members (KIP-345); v5+
     * flexible; v6 adds a per-group error message (KIP-1043).
     */
    DESCRIBE_GROUPS(15, 0, 6, 5),
    /** ListGroups (key 16) v0-v5. v3+ flexible; v4+ filters by state and returns it; v5+ by group type (KIP-848). */
    LIST_GROUPS(16, 0, 5, 3),
    /** SaslHandshake (key 17) v0-v1. Never flexible (KAFKA-9577). */
    SASL_HANDSHAKE(17, 0, 1, -1),
    /**
     * ApiVersions (key 18) v0-v4. Sent first on every connection; v3+ flexible and names the client software. The
     * broker always answers with response header v0, and answers a version it does not know with a v0 body.
     */
    API_VERSIONS(18, 0, 4, 3),
    /**
     * CreateTopics (key 19) v2-v7. Kafka 4.x removed v0-v1 (KIP-896); v4+ lets partitions and replication factor be
     * -1 for the broker's defaults (KIP-464); v5+ flexible and answers with the created topic's settings (KIP-525); v7
     * returns its topic id.
     */
    CREATE_TOPICS(19, 2, 7, 5),
    /**
     * DeleteTopics (key 20) v1-v5. Kafka 4.x removed v0; v4+ flexible; v5 adds a per-topic error message. v6 switches
     * to topic ids and is left out.
     */
    DELETE_TOPICS(20, 1, 5, 4),
    /** InitProducerId (key 22) v0-v5. v2+ flexible; v3+ lets a producer keep its id after an epoch error. */
    INIT_PRODUCER_ID(22, 0, 5, 2),
    /**
     * DescribeConfigs (key 32) v1-v4. Kafka 4.x removed v0; v1+ returns each value's source and synonyms; v3+ its
     * type and documentation; v4 flexible.
     */
    DESCRIBE_CONFIGS(32, 1, 4, 4),
    /** SaslAuthenticate (key 36) v0-v2. v1+ returns the session lifetime (KIP-368); v2 flexible. */
    SASL_AUTHENTICATE(36, 0, 2, 2);

    private final short id;
    private final short minVersion;
    private final short maxVersion;
    private final short firstFlexibleVersion;
    private final short lowestVersion;

    ApiKey(int id, int minVersion, int maxVersion, int firstFlexibleVersion) {
        this(id, minVersion, maxVersion, firstFlexibleVersion, minVersion);
    }

    ApiKey(int id, int minVersion, int maxVersion, int firstFlexibleVersion, int lowestVersion) {
        this.lowestVersion = (short) lowestVersion;
        this.id = (short) id;
        this.minVersion = (short) minVersion;
        this.maxVersion = (short) maxVersion;
        this.firstFlexibleVersion = (short) (firstFlexibleVersion < 0 ? Short.MAX_VALUE : firstFlexibleVersion);
    }

    /** @return the API key on the wire */
    public short id() { return id; }

    /** @return the lowest version this client implements */
    public short minVersion() { return minVersion; }

    /**
     * @return the lowest version this client can write and read: {@link #minVersion()}, or below it for the old
     *     versions only the pinned compatibility modes use (Produce v0-2, Fetch v0-3, ListOffsets v0, Metadata v0-3)
     */
    public short lowestVersion() { return lowestVersion; }

    /** @return the highest version this client implements */
    public short maxVersion() { return maxVersion; }

    /** @return whether {@code version} uses the flexible encoding (compact lengths, tagged fields) */
    public boolean isFlexible(short version) {
        return version >= firstFlexibleVersion;
    }

    /** @return 2 (with a tagged-field section) for flexible versions, else 1 */
    public short requestHeaderVersion(short version) {
        return (short) (isFlexible(version) ? 2 : 1);
    }

    /**
     * @return 1 (with a tagged-field section after the correlation id) for flexible versions, else 0; always 0 for
     *     ApiVersions, whose response a client must read before it knows what the broker speaks
     */
    public short responseHeaderVersion(short version) {
        return (short) (this != API_VERSIONS && isFlexible(version) ? 1 : 0);
    }

    /**
     * @param mode a compatibility mode
     * @return the version {@code mode} sends this API at, or -1 when the mode does not use the API (ApiVersions in
     *     {@link Compatibility#V0_8_2}) or the brokers it targets lack it; -1 for {@link Compatibility#NEGOTIATE},
     *     which pins nothing
     */
    public short pinnedVersion(Compatibility mode) {
        if (mode == Compatibility.NEGOTIATE) {
            return -1;
        }
        boolean v0101 = mode == Compatibility.V0_10_1;
        return (short) switch (this) {
            case PRODUCE -> v0101 ? 2 : 0;
            case FETCH -> v0101 ? 3 : 0;
            case LIST_OFFSETS -> v0101 ? 1 : 0;
            case METADATA -> v0101 ? 2 : 0;
            case OFFSET_COMMIT -> 2;
            case OFFSET_FETCH -> 1;
            case FIND_COORDINATOR, SYNC_GROUP, HEARTBEAT, LEAVE_GROUP -> 0;
            case JOIN_GROUP -> v0101 ? 1 : 0;
            case SASL_HANDSHAKE, API_VERSIONS -> v0101 ? 0 : -1;
            default -> -1; // InitProducerId (0.11), SaslAuthenticate (1.0), and anything newer
        };
    }
}
