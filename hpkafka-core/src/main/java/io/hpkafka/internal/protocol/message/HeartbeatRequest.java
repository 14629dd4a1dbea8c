package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.schema.Field;
import io.hpkafka.internal.protocol.schema.MessageSchema;
import io.hpkafka.internal.protocol.schema.Struct;

import static io.hpkafka.internal.protocol.schema.Type.INT16;
import static io.hpkafka.internal.protocol.schema.Type.INT32;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * Heartbeat (key 12) v0-v4: a classic group member tells the coordinator it is alive, and learns of a rebalance
 * (REBALANCE_IN_PROGRESS). v3+ carries a static member's group instance id (KIP-345); v4 is flexible.
 *
 * @param groupId the group
 * @param generationId the generation returned by JoinGroup
 * @param memberId this member's id
 * @param groupInstanceId a static member's id (v3+), or null
 */
public record HeartbeatRequest(String groupId, int generationId, String memberId, String groupInstanceId)
        implements Request<HeartbeatResponse> {

    /** The request table (HeartbeatRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.HEARTBEAT, "HeartbeatRequest",
            Field.of("GroupId", STRING, "0+"),
            Field.of("GenerationId", INT32, "0+"),
            Field.of("MemberId", STRING, "0+"),
            Field.of("GroupInstanceId", STRING, "3+").nullable("3+").withDefault(null));

    /** The response table (HeartbeatResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.HEARTBEAT, "HeartbeatResponse",
            Field.of("ThrottleTimeMs", INT32, "1+").ignorable(),
            Field.of("ErrorCode", INT16, "0+"));

    @Override
    public ApiKey apiKey() {
        return ApiKey.HEARTBEAT;
    }

    /** @return 3 for a static member, else 0 */
    @Override
    public short minVersion() {
        return (short) (groupInstanceId != null ? 3 : 0);
    }

    Struct toStruct() {
        return REQUEST.newStruct()
                .set("GroupId", groupId)
                .set("GenerationId", generationId)
                .set("MemberId", memberId)
                .set("GroupInstanceId", groupInstanceId);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public HeartbeatResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static HeartbeatResponse fromStruct(Struct s) {
        return new HeartbeatResponse(s.getInt("ThrottleTimeMs"), s.getShort("ErrorCode"));
    }
}
