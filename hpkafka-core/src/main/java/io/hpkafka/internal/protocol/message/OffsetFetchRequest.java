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

import static io.hpkafka.internal.protocol.schema.Type.BOOL;
import static io.hpkafka.internal.protocol.schema.Type.INT16;
import static io.hpkafka.internal.protocol.schema.Type.INT32;
import static io.hpkafka.internal.protocol.schema.Type.INT64;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * OffsetFetch (key 9) v1-v9: the committed offsets of groups. Kafka 4.x removed v0; v2+ accepts "all topics" (null)
 * and returns a group-level error; v6+ is flexible; v7+ can wait for pending transactional commits
 * ({@code requireStable}, KIP-447); v8+ asks for several groups at once (KIP-709); v9 carries the KIP-848 member id
 * and epoch. {@link #minVersion()} asks for what the request uses. v10 switches to topic ids and is left out.
 *
 * @param groups the groups asked for, at least one
 * @param requireStable whether the broker should answer UNSTABLE_OFFSET_COMMIT while a transactional commit is
 *     pending, rather than an offset that may move (v7+)
 */
public record OffsetFetchRequest(List<Group> groups, boolean requireStable) implements Request<OffsetFetchResponse> {

    /** The request table (OffsetFetchRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.OFFSET_FETCH, "OffsetFetchRequest",
            Field.of("GroupId", STRING, "0-7"),
            Field.structs("Topics", "0-7",
                    Field.of("Name", STRING, "0-7"),
                    Field.array("PartitionIndexes", INT32, "0-7")).nullable("2-7"),
            Field.structs("Groups", "8+",
                    Field.of("GroupId", STRING, "8+"),
                    Field.of("MemberId", STRING, "9+").nullable("9+").withDefault(null).ignorable(),
                    Field.of("MemberEpoch", INT32, "9+").withDefault(-1).ignorable(),
                    Field.structs("Topics", "8+",
                            Field.of("Name", STRING, "8-9").ignorable(),
                            Field.array("PartitionIndexes", INT32, "8+")).nullable("8+")),
            Field.of("RequireStable", BOOL, "7+"));

    private static final Field[] PARTITION_FIELDS = {
            Field.of("PartitionIndex", INT32, "0+"),
            Field.of("CommittedOffset", INT64, "0+"),
            Field.of("CommittedLeaderEpoch", INT32, "5+").withDefault(-1).ignorable(),
            Field.of("Metadata", STRING, "0+").nullable("0+"),
            Field.of("ErrorCode", INT16, "0+")};

    /** The response table (OffsetFetchResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.OFFSET_FETCH, "OffsetFetchResponse",
            Field.of("ThrottleTimeMs", INT32, "3+").ignorable(),
            Field.structs("Topics", "0-7",
                    Field.of("Name", STRING, "0-7"),
                    Field.structs("Partitions", "0-7", PARTITION_FIELDS)),
            Field.of("ErrorCode", INT16, "2-7").ignorable(),
            Field.structs("Groups", "8+",
                    Field.of("GroupId", STRING, "8+"),
                    Field.structs("Topics", "8+",
                            Field.of("Name", STRING, "8-9").ignorable(),
                            Field.structs("Partitions", "8+", PARTITION_FIELDS)),
                    Field.of("ErrorCode", INT16, "8+")));

    /**
     * @param groupId the group
     * @param memberId the KIP-848 member id (v9+), or null
     * @param memberEpoch the KIP-848 member epoch (v9+), or -1
     * @param topics the partitions asked for, or null for all (v2+)
     */
    public record Group(String groupId, String memberId, int memberEpoch, List<Topic> topics) {
    }

    /** Partitions of one topic. */
    public record Topic(String name, int[] partitions) {
    }

    public OffsetFetchRequest {
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("OffsetFetch needs at least one group");
        }
    }

    /** @return the committed offsets of some partitions of one group (or all, with {@code topics} null) */
    public static OffsetFetchRequest of(String groupId, List<Topic> topics) {
        return new OffsetFetchRequest(List.of(new Group(groupId, null, -1, topics)), false);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FETCH;
    }

    /** @return 8 for several groups, 7 with requireStable, 2 for all topics, else 1 */
    @Override
    public short minVersion() {
        if (groups.size() > 1) {
            return 8;
        }
        if (requireStable) {
            return 7;
        }
        return (short) (groups.get(0).topics() == null ? 2 : 1);
    }

    Struct toStruct(short version) {
        Struct s = REQUEST.newStruct().set("RequireStable", requireStable);
        if (version >= 8) {
            List<Struct> gs = new ArrayList<>(groups.size());
            for (Group g : groups) {
                Struct gs1 = s.newElement("Groups").set("GroupId", g.groupId()).set("MemberId", g.memberId())
                        .set("MemberEpoch", g.memberEpoch());
                gs.add(gs1.set("Topics", topics(gs1, g.topics())));
            }
            return s.set("Groups", gs);
        }
        if (groups.size() != 1) {
            throw new IllegalArgumentException("OffsetFetch v" + version + " asks for one group, not "
                    + groups.size() + " (several need v8+)");
        }
        Group g = groups.get(0);
        return s.set("GroupId", g.groupId()).set("Topics", topics(s, g.topics()));
    }

    private static List<Struct> topics(Struct parent, List<Topic> topics) {
        if (topics == null) {
            return null;
        }
        List<Struct> ts = new ArrayList<>(topics.size());
        for (Topic t : topics) {
            ts.add(parent.newElement("Topics").set("Name", t.name()).setInt32Array("PartitionIndexes",
                    t.partitions()));
        }
        return ts;
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(version), version);
    }

    @Override
    public OffsetFetchResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version), version, groups.get(0).groupId());
    }

    /** @param groupId the group asked for, reported as the group of v1-v7 answers, which do not repeat it */
    static OffsetFetchResponse fromStruct(Struct s, short version, String groupId) {
        List<OffsetFetchResponse.Group> out = new ArrayList<>();
        if (version >= 8) {
            for (Struct g : s.getStructs("Groups")) {
                out.add(new OffsetFetchResponse.Group(g.getString("GroupId"), g.getShort("ErrorCode"),
                        partitions(g.getStructs("Topics"))));
            }
        } else {
            out.add(new OffsetFetchResponse.Group(groupId, s.getShort("ErrorCode"),
                    partitions(s.getStructs("Topics"))));
        }
        return new OffsetFetchResponse(s.getInt("ThrottleTimeMs"), out);
    }

    private static List<OffsetFetchResponse.PartitionOffset> partitions(List<Struct> topics) {
        List<OffsetFetchResponse.PartitionOffset> out = new ArrayList<>();
        for (Struct t : topics) {
            for (Struct p : t.getStructs("Partitions")) {
                out.add(new OffsetFetchResponse.PartitionOffset(t.getString("Name"), p.getInt("PartitionIndex"),
                        p.getLong("CommittedOffset"), p.getInt("CommittedLeaderEpoch"), p.getString("Metadata"),
                        p.getShort("ErrorCode")));
            }
        }
        return out;
    }
}
