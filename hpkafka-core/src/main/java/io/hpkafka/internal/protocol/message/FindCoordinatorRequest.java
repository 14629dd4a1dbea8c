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
import static io.hpkafka.internal.protocol.schema.Type.INT8;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * FindCoordinator (key 10) v0-v6: which broker coordinates a consumer group, a transactional id or a share group.
 * v3+ is flexible; v4+ looks up several keys in one request (KIP-699), which {@link #minVersion()} asks for when more
 * than one key is given. Transactional ids need v1+, share groups v6+ (KIP-932).
 *
 * @param keyType {@link #GROUP}, {@link #TRANSACTION} or {@link #SHARE}
 * @param keys the group ids or transactional ids to look up, at least one
 */
public record FindCoordinatorRequest(byte keyType, List<String> keys) implements Request<FindCoordinatorResponse> {

    /** The key is a consumer group id. */
    public static final byte GROUP = 0;
    /** The key is a transactional id. */
    public static final byte TRANSACTION = 1;
    /** The key is {@code groupId:topicId:partition} of a share group (KIP-932). */
    public static final byte SHARE = 2;

    /** The request table (FindCoordinatorRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.FIND_COORDINATOR, "FindCoordinatorRequest",
            Field.of("Key", STRING, "0-3"),
            Field.of("KeyType", INT8, "1+"),
            Field.array("CoordinatorKeys", STRING, "4+"));

    /** The response table (FindCoordinatorResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.FIND_COORDINATOR, "FindCoordinatorResponse",
            Field.of("ThrottleTimeMs", INT32, "1+").ignorable(),
            Field.of("ErrorCode", INT16, "0-3"),
            Field.of("ErrorMessage", STRING, "1-3").nullable("1-3").ignorable(),
            Field.of("NodeId", INT32, "0-3"),
            Field.of("Host", STRING, "0-3"),
            Field.of("Port", INT32, "0-3"),
            Field.structs("Coordinators", "4+",
                    Field.of("Key", STRING, "4+"),
                    Field.of("NodeId", INT32, "4+"),
                    Field.of("Host", STRING, "4+"),
                    Field.of("Port", INT32, "4+"),
                    Field.of("ErrorCode", INT16, "4+"),
                    Field.of("ErrorMessage", STRING, "4+").nullable("4+").ignorable()));

    public FindCoordinatorRequest {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("FindCoordinator needs at least one key");
        }
    }

    /** @return a lookup of one consumer group's coordinator */
    public static FindCoordinatorRequest group(String groupId) {
        return new FindCoordinatorRequest(GROUP, List.of(groupId));
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }

    /** @return 4 for a batched lookup, 6 for a share group, 1 for a transactional id, else 0 */
    @Override
    public short minVersion() {
        int min = keys.size() > 1 ? 4 : 0;
        if (keyType == SHARE) {
            min = 6;
        } else if (keyType != GROUP) {
            min = Math.max(min, 1);
        }
        return (short) min;
    }

    Struct toStruct(short version) {
        Struct s = REQUEST.newStruct().set("KeyType", keyType);
        if (version >= 4) {
            s.set("CoordinatorKeys", keys);
        } else {
            if (keys.size() != 1) {
                throw new IllegalArgumentException("FindCoordinator v" + version + " looks up one key, not "
                        + keys.size() + " (batching needs v4+)");
            }
            s.set("Key", keys.get(0));
        }
        return s;
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(version), version);
    }

    @Override
    public FindCoordinatorResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version), version, keys.get(0));
    }

    /** @param key the key asked for, reported as the coordinator's key by v0-v3, whose answers do not repeat it */
    static FindCoordinatorResponse fromStruct(Struct s, short version, String key) {
        List<FindCoordinatorResponse.Coordinator> out = new ArrayList<>();
        if (version >= 4) {
            for (Struct c : s.getStructs("Coordinators")) {
                out.add(new FindCoordinatorResponse.Coordinator(c.getString("Key"), c.getInt("NodeId"),
                        c.getString("Host"), c.getInt("Port"), c.getShort("ErrorCode"), c.getString("ErrorMessage")));
            }
        } else {
            out.add(new FindCoordinatorResponse.Coordinator(key, s.getInt("NodeId"), s.getString("Host"),
                    s.getInt("Port"), s.getShort("ErrorCode"), s.getString("ErrorMessage")));
        }
        return new FindCoordinatorResponse(s.getInt("ThrottleTimeMs"), out);
    }
}
