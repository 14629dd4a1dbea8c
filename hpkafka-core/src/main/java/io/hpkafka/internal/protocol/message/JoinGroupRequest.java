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
import static io.hpkafka.internal.protocol.schema.Type.BYTES;
import static io.hpkafka.internal.protocol.schema.Type.INT16;
import static io.hpkafka.internal.protocol.schema.Type.INT32;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * JoinGroup (key 11) v0-v9: a member joins (or rejoins) a classic consumer group. From v4 the broker answers a join
 * with an empty member id by MEMBER_ID_REQUIRED and the id to rejoin with (KIP-394). v5+ carries a static member's
 * group instance id (KIP-345), which {@link #minVersion()} then asks for; v6+ is flexible; v8+ carries a reason
 * (KIP-800).
 *
 * @param groupId the group
 * @param sessionTimeoutMs how long the coordinator waits for a heartbeat before removing the member, in ms
 * @param rebalanceTimeoutMs how long the coordinator waits for every member to rejoin during a rebalance, in ms
 *     (v1+; v0 uses the session timeout)
 * @param memberId the id the coordinator gave this member, or "" on a first join
 * @param groupInstanceId a static member's stable id (v5+), or null
 * @param protocolType the group's protocol type, {@code consumer} for consumer groups
 * @param protocols the assignment strategies this member supports, in preference order
 * @param reason why the member (re)joins (v8+), or null
 */
public record JoinGroupRequest(String groupId, int sessionTimeoutMs, int rebalanceTimeoutMs, String memberId,
                               String groupInstanceId, String protocolType, List<Protocol> protocols, String reason)
        implements Request<JoinGroupResponse> {

    /** The request table (JoinGroupRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.JOIN_GROUP, "JoinGroupRequest",
            Field.of("GroupId", STRING, "0+"),
            Field.of("SessionTimeoutMs", INT32, "0+"),
            Field.of("RebalanceTimeoutMs", INT32, "1+").withDefault(-1).ignorable(),
            Field.of("MemberId", STRING, "0+"),
            Field.of("GroupInstanceId", STRING, "5+").nullable("5+").withDefault(null),
            Field.of("ProtocolType", STRING, "0+"),
            Field.structs("Protocols", "0+",
                    Field.of("Name", STRING, "0+"),
                    Field.of("Metadata", BYTES, "0+")),
            Field.of("Reason", STRING, "8+").nullable("8+").withDefault(null).ignorable());

    /** The response table (JoinGroupResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.JOIN_GROUP, "JoinGroupResponse",
            Field.of("ThrottleTimeMs", INT32, "2+").ignorable(),
            Field.of("ErrorCode", INT16, "0+"),
            Field.of("GenerationId", INT32, "0+").withDefault(-1),
            Field.of("ProtocolType", STRING, "7+").nullable("7+").withDefault(null).ignorable(),
            Field.of("ProtocolName", STRING, "0+").nullable("7+"),
            Field.of("Leader", STRING, "0+"),
            Field.of("SkipAssignment", BOOL, "9+"),
            Field.of("MemberId", STRING, "0+"),
            Field.structs("Members", "0+",
                    Field.of("MemberId", STRING, "0+"),
                    Field.of("GroupInstanceId", STRING, "5+").nullable("5+").withDefault(null).ignorable(),
                    Field.of("Metadata", BYTES, "0+")));

    /**
     * An assignment strategy and this member's metadata for it (for consumer groups: its subscription).
     *
     * @param name the strategy, e.g. {@code range}
     * @param metadata opaque to the broker
     */
    public record Protocol(String name, byte[] metadata) {
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.JOIN_GROUP;
    }

    /** @return 5 for a static member (group instance id set), else 0 */
    @Override
    public short minVersion() {
        return (short) (groupInstanceId != null ? 5 : 0);
    }

    Struct toStruct() {
        Struct s = REQUEST.newStruct()
                .set("GroupId", groupId)
                .set("SessionTimeoutMs", sessionTimeoutMs)
                .set("RebalanceTimeoutMs", rebalanceTimeoutMs)
                .set("MemberId", memberId)
                .set("GroupInstanceId", groupInstanceId)
                .set("ProtocolType", protocolType)
                .set("Reason", reason);
        List<Struct> list = new ArrayList<>(protocols.size());
        for (Protocol p : protocols) {
            list.add(s.newElement("Protocols").set("Name", p.name()).set("Metadata", p.metadata()));
        }
        return s.set("Protocols", list);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public JoinGroupResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static JoinGroupResponse fromStruct(Struct s) {
        List<JoinGroupResponse.Member> members = new ArrayList<>();
        for (Struct m : s.getStructs("Members")) {
            members.add(new JoinGroupResponse.Member(m.getString("MemberId"), m.getString("GroupInstanceId"),
                    m.getBytes("Metadata")));
        }
        return new JoinGroupResponse(s.getInt("ThrottleTimeMs"), s.getShort("ErrorCode"), s.getInt("GenerationId"),
                s.getString("ProtocolType"), s.getString("ProtocolName"), s.getString("Leader"),
                s.getBool("SkipAssignment"), s.getString("MemberId"), members);
    }
}
