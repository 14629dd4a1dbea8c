package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.schema.Field;
import io.hpkafka.internal.protocol.schema.MessageSchema;
import io.hpkafka.internal.protocol.schema.Struct;

import java.util.ArrayList;
import java.util.List;

import static io.hpkafka.internal.protocol.schema.Type.INT16;
import static io.hpkafka.internal.protocol.schema.Type.INT32;
import static io.hpkafka.internal.protocol.schema.Type.INT64;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * OffsetCommit (key 8) v2-v9: a group member (or a standalone consumer, generation -1) stores its positions. Kafka
 * 4.x removed v0-v1; v6+ carries the leader epoch of each offset (KIP-320); v7+ a static member's group instance id,
 * which {@link #minVersion()} then asks for; v8+ is flexible; v9 works with the KIP-848 group protocol (member
 * epoch). v10 switches to topic ids and is left out. v2-v4 carry a retention time for the offsets (-1: the broker's
 * default); from v5 (KIP-211) the broker always applies its own {@code offsets.retention.minutes}.
 *
 * @param groupId the group
 * @param generationIdOrMemberEpoch the classic generation, the KIP-848 member epoch, or -1 outside a group
 * @param memberId this member's id, or "" outside a group
 * @param groupInstanceId a static member's id (v7+), or null
 * @param topics the offsets to commit
 * @param retentionTimeMs how long the broker keeps these offsets, in ms (v2-v4 only), or -1 for its default
 */
public record OffsetCommitRequest(String groupId, int generationIdOrMemberEpoch, String memberId,
                                  String groupInstanceId, List<Topic> topics, long retentionTimeMs)
        implements Request<OffsetCommitResponse> {

    /** A commit kept for the broker's default retention time. */
    public OffsetCommitRequest(String groupId, int generationIdOrMemberEpoch, String memberId,
                               String groupInstanceId, List<Topic> topics) {
        this(groupId, generationIdOrMemberEpoch, memberId, groupInstanceId, topics, -1L);
    }

    /** The request table (OffsetCommitRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.OFFSET_COMMIT, "OffsetCommitRequest",
            Field.of("GroupId", STRING, "0+"),
            Field.of("GenerationIdOrMemberEpoch", INT32, "1+").withDefault(-1).ignorable(),
            Field.of("MemberId", STRING, "1+").ignorable(),
            Field.of("GroupInstanceId", STRING, "7+").nullable("7+").withDefault(null),
            Field.of("RetentionTimeMs", INT64, "2-4").withDefault(-1L).ignorable(),
            Field.structs("Topics", "0+",
                    Field.of("Name", STRING, "0-9").ignorable(),
                    Field.structs("Partitions", "0+",
                            Field.of("PartitionIndex", INT32, "0+"),
                            Field.of("CommittedOffset", INT64, "0+"),
                            Field.of("CommittedLeaderEpoch", INT32, "6+").withDefault(-1).ignorable(),
                            Field.of("CommittedMetadata", STRING, "0+").nullable("0+"))));

    /** The response table (OffsetCommitResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.OFFSET_COMMIT, "OffsetCommitResponse",
            Field.of("ThrottleTimeMs", INT32, "3+").ignorable(),
            Field.structs("Topics", "0+",
                    Field.of("Name", STRING, "0-9").ignorable(),
                    Field.structs("Partitions", "0+",
                            Field.of("PartitionIndex", INT32, "0+"),
                            Field.of("ErrorCode", INT16, "0+"))));

    /** Offsets of one topic. */
    public record Topic(String name, List<Partition> partitions) {
    }

    /**
     * @param committedOffset the offset of the next record to consume
     * @param committedLeaderEpoch the leader epoch of the last consumed record (v6+), or -1
     * @param metadata free text stored with the offset, or null
     */
    public record Partition(int partition, long committedOffset, int committedLeaderEpoch, String metadata) {
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_COMMIT;
    }

    /** @return 7 for a static member, else 2 */
    @Override
    public short minVersion() {
        return (short) (groupInstanceId != null ? 7 : ApiKey.OFFSET_COMMIT.minVersion());
    }

    Struct toStruct() {
        Struct s = REQUEST.newStruct()
                .set("GroupId", groupId)
                .set("GenerationIdOrMemberEpoch", generationIdOrMemberEpoch)
                .set("MemberId", memberId)
                .set("GroupInstanceId", groupInstanceId)
                .set("RetentionTimeMs", retentionTimeMs);
        List<Struct> ts = new ArrayList<>(topics.size());
        for (Topic t : topics) {
            Struct ts1 = s.newElement("Topics").set("Name", t.name());
            List<Struct> ps = new ArrayList<>(t.partitions().size());
            for (Partition p : t.partitions()) {
                ps.add(ts1.newElement("Partitions")
                        .set("PartitionIndex", p.partition())
                        .set("CommittedOffset", p.committedOffset())
                        .set("CommittedLeaderEpoch", p.committedLeaderEpoch())
                        .set("CommittedMetadata", p.metadata()));
            }
            ts.add(ts1.set("Partitions", ps));
        }
        return s.set("Topics", ts);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public OffsetCommitResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static OffsetCommitResponse fromStruct(Struct s) {
        List<OffsetCommitResponse.PartitionResult> out = new ArrayList<>();
        for (Struct t : s.getStructs("Topics")) {
            for (Struct p : t.getStructs("Partitions")) {
                out.add(new OffsetCommitResponse.PartitionResult(t.getString("Name"), p.getInt("PartitionIndex"),
                        p.getShort("ErrorCode")));
            }
        }
        return new OffsetCommitResponse(s.getInt("ThrottleTimeMs"), out);
    }
}
