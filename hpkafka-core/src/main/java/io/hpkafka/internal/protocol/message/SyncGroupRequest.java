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

import static io.hpkafka.internal.protocol.schema.Type.BYTES;
import static io.hpkafka.internal.protocol.schema.Type.INT16;
import static io.hpkafka.internal.protocol.schema.Type.INT32;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * SyncGroup (key 14) v0-v5: after a join, the leader sends every member's assignment and each member receives its
 * own. v3+ carries a static member's group instance id (KIP-345); v4+ is flexible; v5+ carries the protocol type and
 * name, which the broker checks against the group's (KIP-559).
 *
 * @param groupId the group
 * @param generationId the generation returned by JoinGroup
 * @param memberId this member's id
 * @param groupInstanceId a static member's id (v3+), or null
 * @param protocolType the group's protocol type (v5+), or null
 * @param protocolName the chosen assignment strategy (v5+), or null
 * @param assignments from the leader: every member's assignment; from the others: empty
 */
public record SyncGroupRequest(String groupId, int generationId, String memberId, String groupInstanceId,
                               String protocolType, String protocolName, List<Assignment> assignments)
        implements Request<SyncGroupResponse> {

    /** The request table (SyncGroupRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.SYNC_GROUP, "SyncGroupRequest",
            Field.of("GroupId", STRING, "0+"),
            Field.of("GenerationId", INT32, "0+"),
            Field.of("MemberId", STRING, "0+"),
            Field.of("GroupInstanceId", STRING, "3+").nullable("3+").withDefault(null),
            Field.of("ProtocolType", STRING, "5+").nullable("5+").withDefault(null).ignorable(),
            Field.of("ProtocolName", STRING, "5+").nullable("5+").withDefault(null).ignorable(),
            Field.structs("Assignments", "0+",
                    Field.of("MemberId", STRING, "0+"),
                    Field.of("Assignment", BYTES, "0+")));

    /** The response table (SyncGroupResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.SYNC_GROUP, "SyncGroupResponse",
            Field.of("ThrottleTimeMs", INT32, "1+").ignorable(),
            Field.of("ErrorCode", INT16, "0+"),
            Field.of("ProtocolType", STRING, "5+").nullable("5+").withDefault(null).ignorable(),
            Field.of("ProtocolName", STRING, "5+").nullable("5+").withDefault(null).ignorable(),
            Field.of("Assignment", BYTES, "0+"));

    /** One member's assignment, opaque to the broker. */
    public record Assignment(String memberId, byte[] assignment) {
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SYNC_GROUP;
    }

    /** @return 3 for a static member, else 0 */
    @Override
    public short minVersion() {
        return (short) (groupInstanceId != null ? 3 : 0);
    }

    Struct toStruct() {
        Struct s = REQUEST.newStruct()
                .set("GroupId", groupId)
                .set("GenerationId", generationId)
                .set("MemberId", memberId)
                .set("GroupInstanceId", groupInstanceId)
                .set("ProtocolType", protocolType)
                .set("ProtocolName", protocolName);
        List<Struct> list = new ArrayList<>(assignments.size());
        for (Assignment a : assignments) {
            list.add(s.newElement("Assignments").set("MemberId", a.memberId()).set("Assignment", a.assignment()));
        }
        return s.set("Assignments", list);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public SyncGroupResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static SyncGroupResponse fromStruct(Struct s) {
        return new SyncGroupResponse(s.getInt("ThrottleTimeMs"), s.getShort("ErrorCode"),
                s.getString("ProtocolType"), s.getString("ProtocolName"), s.getBytes("Assignment"));
    }
}
