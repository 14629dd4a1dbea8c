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
import java.util.Map;

import static io.hpkafka.internal.protocol.schema.Type.BOOL;
import static io.hpkafka.internal.protocol.schema.Type.INT16;
import static io.hpkafka.internal.protocol.schema.Type.INT32;
import static io.hpkafka.internal.protocol.schema.Type.INT8;
import static io.hpkafka.internal.protocol.schema.Type.STRING;
import static io.hpkafka.internal.protocol.schema.Type.UUID;

/**
 * CreateTopics (key 19) v2-v7: creates topics with a partition count, a replication factor and topic configs. v4+
 * accepts -1 for either count, meaning the broker's default (KIP-464); v5+ is flexible and answers with the settings
 * the topic got (KIP-525); v7 with its topic id. Manual replica assignments are not offered (the field is always
 * empty). In KRaft any broker forwards the request to the controller (KIP-590).
 *
 * @param topics the topics to create
 * @param timeoutMs how long the broker waits for the creation to complete before answering REQUEST_TIMED_OUT, in ms
 * @param validateOnly whether the broker only checks the request and creates nothing
 */
public record CreateTopicsRequest(List<Topic> topics, int timeoutMs, boolean validateOnly)
        implements Request<CreateTopicsResponse> {

    /** The request table (CreateTopicsRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.CREATE_TOPICS, "CreateTopicsRequest",
            Field.structs("Topics", "0+",
                    Field.of("Name", STRING, "0+"),
                    Field.of("NumPartitions", INT32, "0+"),
                    Field.of("ReplicationFactor", INT16, "0+"),
                    Field.structs("Assignments", "0+",
                            Field.of("PartitionIndex", INT32, "0+"),
                            Field.array("BrokerIds", INT32, "0+")),
                    Field.structs("Configs", "0+",
                            Field.of("Name", STRING, "0+"),
                            Field.of("Value", STRING, "0+").nullable("0+"))),
            Field.of("TimeoutMs", INT32, "0+").withDefault(60_000),
            Field.of("ValidateOnly", BOOL, "1+"));

    /** The response table (CreateTopicsResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.CREATE_TOPICS, "CreateTopicsResponse",
            Field.of("ThrottleTimeMs", INT32, "2+").ignorable(),
            Field.structs("Topics", "0+",
                    Field.of("Name", STRING, "0+"),
                    Field.of("TopicId", UUID, "7+").ignorable(),
                    Field.of("ErrorCode", INT16, "0+"),
                    Field.of("ErrorMessage", STRING, "1+").nullable("0+").ignorable(),
                    Field.of("TopicConfigErrorCode", INT16, "5+").tagged(0),
                    Field.of("NumPartitions", INT32, "5+").withDefault(-1).ignorable(),
                    Field.of("ReplicationFactor", INT16, "5+").withDefault((short) -1).ignorable(),
                    Field.structs("Configs", "5+",
                            Field.of("Name", STRING, "5+"),
                            Field.of("Value", STRING, "5+").nullable("5+"),
                            Field.of("ReadOnly", BOOL, "5+"),
                            Field.of("ConfigSource", INT8, "5+").withDefault((byte) -1).ignorable(),
                            Field.of("IsSensitive", BOOL, "5+")).nullable("5+").ignorable()));

    /**
     * @param name the topic name
     * @param numPartitions the partition count, or -1 for the broker's {@code num.partitions}
     * @param replicationFactor the replica count, or -1 for the broker's {@code default.replication.factor}
     * @param configs topic configs by name (e.g. {@code cleanup.policy}); a null value resets to the default
     */
    public record Topic(String name, int numPartitions, short replicationFactor, Map<String, String> configs) {
    }

    public CreateTopicsRequest {
        topics = List.copyOf(topics);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_TOPICS;
    }

    /** @return 4 when a count is left to the broker (-1), else 2 */
    @Override
    public short minVersion() {
        for (Topic t : topics) {
            if (t.numPartitions() == -1 || t.replicationFactor() == -1) {
                return 4;
            }
        }
        return ApiKey.CREATE_TOPICS.minVersion();
    }

    Struct toStruct() {
        Struct s = REQUEST.newStruct().set("TimeoutMs", timeoutMs).set("ValidateOnly", validateOnly);
        List<Struct> ts = new ArrayList<>(topics.size());
        for (Topic t : topics) {
            Struct ts1 = s.newElement("Topics").set("Name", t.name()).set("NumPartitions", t.numPartitions())
                    .set("ReplicationFactor", t.replicationFactor());
            List<Struct> cs = new ArrayList<>(t.configs().size());
            t.configs().forEach((k, v) -> cs.add(ts1.newElement("Configs").set("Name", k).set("Value", v)));
            ts.add(ts1.set("Configs", cs));
        }
        return s.set("Topics", ts);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public CreateTopicsResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static CreateTopicsResponse fromStruct(Struct s) {
        List<CreateTopicsResponse.TopicResult> out = new ArrayList<>();
        for (Struct t : s.getStructs("Topics")) {
            List<Struct> configs = t.getStructs("Configs");
            List<CreateTopicsResponse.Config> cs = new ArrayList<>(configs == null ? 0 : configs.size());
            if (configs != null) {
                for (Struct c : configs) {
                    cs.add(new CreateTopicsResponse.Config(c.getString("Name"), c.getString("Value"),
                            c.getBool("ReadOnly"), c.getByte("ConfigSource"), c.getBool("IsSensitive")));
                }
            }
            out.add(new CreateTopicsResponse.TopicResult(t.getString("Name"), t.getUuid("TopicId"),
                    t.getShort("ErrorCode"), t.getString("ErrorMessage"), t.getShort("TopicConfigErrorCode"),
                    t.getInt("NumPartitions"), t.getShort("ReplicationFactor"), cs));
        }
        return new CreateTopicsResponse(s.getInt("ThrottleTimeMs"), out);
    }
}
