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
 * ListGroups (key 16) v0-v5: the groups one broker coordinates (a client asks every broker for the whole cluster).
 * v3+ is flexible; v4+ filters by state and answers with it (KIP-518); v5+ filters by type and answers with it
 * (KIP-848).
 *
 * @param statesFilter the states to keep (e.g. {@code Stable}), empty for all (v4+)
 * @param typesFilter the group types to keep (e.g. {@code classic}, {@code consumer}), empty for all (v5+)
 */
public record ListGroupsRequest(List<String> statesFilter, List<String> typesFilter)
        implements Request<ListGroupsResponse> {

    /** Every group of every state and type. */
    public static final ListGroupsRequest ALL = new ListGroupsRequest(List.of(), List.of());

    /** The request table (ListGroupsRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.LIST_GROUPS, "ListGroupsRequest",
            Field.array("StatesFilter", STRING, "4+"),
            Field.array("TypesFilter", STRING, "5+"));

    /** The response table (ListGroupsResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.LIST_GROUPS, "ListGroupsResponse",
            Field.of("ThrottleTimeMs", INT32, "1+").ignorable(),
            Field.of("ErrorCode", INT16, "0+"),
            Field.structs("Groups", "0+",
                    Field.of("GroupId", STRING, "0+"),
                    Field.of("ProtocolType", STRING, "0+"),
                    Field.of("GroupState", STRING, "4+").ignorable(),
                    Field.of("GroupType", STRING, "5+").ignorable()));

    public ListGroupsRequest {
        statesFilter = List.copyOf(statesFilter);
        typesFilter = List.copyOf(typesFilter);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_GROUPS;
    }

    /** @return 5 with a type filter, 4 with a state filter, else 0 */
    @Override
    public short minVersion() {
        return (short) (!typesFilter.isEmpty() ? 5 : !statesFilter.isEmpty() ? 4 : 0);
    }

    Struct toStruct() {
        return REQUEST.newStruct().set("StatesFilter", statesFilter).set("TypesFilter", typesFilter);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public ListGroupsResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static ListGroupsResponse fromStruct(Struct s) {
        List<ListGroupsResponse.Group> out = new ArrayList<>();
        for (Struct g : s.getStructs("Groups")) {
            out.add(new ListGroupsResponse.Group(g.getString("GroupId"), g.getString("ProtocolType"),
                    g.getString("GroupState"), g.getString("GroupType")));
        }
        return new ListGroupsResponse(s.getInt("ThrottleTimeMs"), s.getShort("ErrorCode"), out);
    }
}
