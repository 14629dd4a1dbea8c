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
 * DescribeGroups (key 15) v0-v6: state, protocol and members (with their classic-protocol metadata and assignment)
 * of classic groups, asked of their coordinator. v3+ can return authorized operations (KIP-430); v4+ names static
 * members (KIP-345); v5+ is flexible; v6 adds a per-group error message (KIP-1043).
 *
 * @param groupIds the groups, all coordinated by the broker asked
 */
public record DescribeGroupsRequest(List<String> groupIds) implements Request<DescribeGroupsResponse> {

    /** The request table (DescribeGroupsRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.DESCRIBE_GROUPS, "DescribeGroupsRequest",
            Field.array("Groups", STRING, "0+"),
            Field.of("IncludeAuthorizedOperations", BOOL, "3+"));

    /** The response table (DescribeGroupsResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.DESCRIBE_GROUPS, "DescribeGroupsResponse",
            Field.of("ThrottleTimeMs", INT32, "1+").ignorable(),
            Field.structs("Groups", "0+",
                    Field.of("ErrorCode", INT16, "0+"),
                    Field.of("ErrorMessage", STRING, "6+").nullable("6+").withDefault(null).ignorable(),
                    Field.of("GroupId", STRING, "0+"),
                    Field.of("GroupState", STRING, "0+"),
                    Field.of("ProtocolType", STRING, "0+"),
                    Field.of("ProtocolData", STRING, "0+"),
                    Field.structs("Members", "0+",
                            Field.of("MemberId", STRING, "0+"),
                            Field.of("GroupInstanceId", STRING, "4+").nullable("4+").withDefault(null)
                                    .ignorable(),
                            Field.of("ClientId", STRING, "0+"),
                            Field.of("ClientHost", STRING, "0+"),
                            Field.of("MemberMetadata", BYTES, "0+"),
                            Field.of("MemberAssignment", BYTES, "0+")),
                    Field.of("AuthorizedOperations", INT32, "3+").withDefault(Integer.MIN_VALUE).ignorable()));

    public DescribeGroupsRequest {
        groupIds = List.copyOf(groupIds);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_GROUPS;
    }

    Struct toStruct() {
        return REQUEST.newStruct().set("Groups", groupIds);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public DescribeGroupsResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static DescribeGroupsResponse fromStruct(Struct s) {
        List<DescribeGroupsResponse.Group> out = new ArrayList<>();
        for (Struct g : s.getStructs("Groups")) {
            List<DescribeGroupsResponse.Member> members = new ArrayList<>();
            for (Struct m : g.getStructs("Members")) {
                members.add(new DescribeGroupsResponse.Member(m.getString("MemberId"),
                        m.getString("GroupInstanceId"), m.getString("ClientId"), m.getString("ClientHost"),
                        m.getBytes("MemberMetadata"), m.getBytes("MemberAssignment")));
            }
            out.add(new DescribeGroupsResponse.Group(g.getShort("ErrorCode"), g.getString("ErrorMessage"),
                    g.getString("GroupId"), g.getString("GroupState"), g.getString("ProtocolType"),
                    g.getString("ProtocolData"), members));
        }
        return new DescribeGroupsResponse(s.getInt("ThrottleTimeMs"), out);
    }
}
