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
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * LeaveGroup (key 13) v0-v5: members leave a classic group so it rebalances at once instead of after the session
 * timeout. v0-v2 remove one member by id; v3+ remove several, by member id and/or group instance id (KIP-345), which
 * {@link #minVersion()} asks for when needed; v4+ is flexible; v5+ carries a reason per member (KIP-800).
 *
 * @param groupId the group
 * @param members the leaving members, at least one
 */
public record LeaveGroupRequest(String groupId, List<Member> members) implements Request<LeaveGroupResponse> {

    /** The request table (LeaveGroupRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.LEAVE_GROUP, "LeaveGroupRequest",
            Field.of("GroupId", STRING, "0+"),
            Field.of("MemberId", STRING, "0-2"),
            Field.structs("Members", "3+",
                    Field.of("MemberId", STRING, "3+"),
                    Field.of("GroupInstanceId", STRING, "3+").nullable("3+").withDefault(null),
                    Field.of("Reason", STRING, "5+").nullable("5+").withDefault(null).ignorable()));

    /** The response table (LeaveGroupResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.LEAVE_GROUP, "LeaveGroupResponse",
            Field.of("ThrottleTimeMs", INT32, "1+").ignorable(),
            Field.of("ErrorCode", INT16, "0+"),
            Field.structs("Members", "3+",
                    Field.of("MemberId", STRING, "3+"),
                    Field.of("GroupInstanceId", STRING, "3+").nullable("3+"),
                    Field.of("ErrorCode", INT16, "3+")));

    /**
     * @param memberId the member's id ("" for a static member known by instance id only)
     * @param groupInstanceId a static member's id, or null
     * @param reason why it leaves (v5+), or null
     */
    public record Member(String memberId, String groupInstanceId, String reason) {
    }

    public LeaveGroupRequest {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("LeaveGroup needs at least one member");
        }
    }

    /** @return one dynamic member leaving, with a reason */
    public static LeaveGroupRequest of(String groupId, String memberId, String reason) {
        return new LeaveGroupRequest(groupId, List.of(new Member(memberId, null, reason)));
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LEAVE_GROUP;
    }

    /** @return 3 when several members or a static member leave, else 0 */
    @Override
    public short minVersion() {
        return (short) (members.size() > 1 || members.get(0).groupInstanceId() != null ? 3 : 0);
    }

    Struct toStruct(short version) {
        Struct s = REQUEST.newStruct().set("GroupId", groupId);
        if (version < 3) {
            Member only = members.get(0);
            if (members.size() > 1 || only.groupInstanceId() != null) {
                throw new IllegalArgumentException("LeaveGroup v" + version
                        + " removes one dynamic member (several or static members need v3+)");
            }
            return s.set("MemberId", only.memberId());
        }
        List<Struct> list = new ArrayList<>(members.size());
        for (Member m : members) {
            list.add(s.newElement("Members").set("MemberId", m.memberId())
                    .set("GroupInstanceId", m.groupInstanceId()).set("Reason", m.reason()));
        }
        return s.set("Members", list);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(version), version);
    }

    @Override
    public LeaveGroupResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static LeaveGroupResponse fromStruct(Struct s) {
        List<LeaveGroupResponse.MemberResult> members = new ArrayList<>();
        for (Struct m : s.getStructs("Members")) {
            members.add(new LeaveGroupResponse.MemberResult(m.getString("MemberId"), m.getString("GroupInstanceId"),
                    m.getShort("ErrorCode")));
        }
        return new LeaveGroupResponse(s.getInt("ThrottleTimeMs"), s.getShort("ErrorCode"), members);
    }
}
