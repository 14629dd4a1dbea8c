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
import static io.hpkafka.internal.protocol.schema.Type.STRING;
import static io.hpkafka.internal.protocol.schema.Type.UUID;

/**
 * Metadata (key 3) v4-v12: brokers, and the partitions and leaders of the given topics, asked for by name. v9+ is
 * flexible; v10+ answers with topic ids; v12 is the last version both Kafka 3.9 (v0-12) and 4.1 (v0-13) serve.
 * v0-v3 are sent only by the pinned {@link io.hpkafka.config.Compatibility} modes: v0 asks for every topic with an
 * empty list, and before v4 the broker's own setting alone decides on auto-creation.
 *
 * @param topics topics to describe; {@code null} asks for every topic
 * @param allowAutoTopicCreation whether the broker may create a missing topic (if it allows auto-creation)
 */
public record MetadataRequest(List<String> topics, boolean allowAutoTopicCreation)
        implements Request<MetadataResponse> {

    /** The request table (MetadataRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.METADATA, "MetadataRequest",
            Field.structs("Topics", "0+",
                    Field.of("TopicId", UUID, "10+").ignorable(),
                    Field.of("Name", STRING, "0+").nullable("10+")).nullable("1+"),
            Field.of("AllowAutoTopicCreation", BOOL, "4+").withDefault(true),
            Field.of("IncludeClusterAuthorizedOperations", BOOL, "8-10"),
            Field.of("IncludeTopicAuthorizedOperations", BOOL, "8+"));

    /** The response table (MetadataResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.METADATA, "MetadataResponse",
            Field.of("ThrottleTimeMs", INT32, "3+").ignorable(),
            Field.structs("Brokers", "0+",
                    Field.of("NodeId", INT32, "0+"),
                    Field.of("Host", STRING, "0+"),
                    Field.of("Port", INT32, "0+"),
                    Field.of("Rack", STRING, "1+").nullable("1+").withDefault(null).ignorable()),
            Field.of("ClusterId", STRING, "2+").nullable("2+").withDefault(null).ignorable(),
            Field.of("ControllerId", INT32, "1+").withDefault(-1).ignorable(),
            Field.structs("Topics", "0+",
                    Field.of("ErrorCode", INT16, "0+"),
                    Field.of("Name", STRING, "0+").nullable("12+"),
                    Field.of("TopicId", UUID, "10+").ignorable(),
                    Field.of("IsInternal", BOOL, "1+").ignorable(),
                    Field.structs("Partitions", "0+",
                            Field.of("ErrorCode", INT16, "0+"),
                            Field.of("PartitionIndex", INT32, "0+"),
                            Field.of("LeaderId", INT32, "0+"),
                            Field.of("LeaderEpoch", INT32, "7+").withDefault(-1).ignorable(),
                            Field.array("ReplicaNodes", INT32, "0+"),
                            Field.array("IsrNodes", INT32, "0+"),
                            Field.array("OfflineReplicas", INT32, "5+").ignorable()),
                    Field.of("TopicAuthorizedOperations", INT32, "8+").withDefault(Integer.MIN_VALUE)),
            Field.of("ClusterAuthorizedOperations", INT32, "8-10").withDefault(Integer.MIN_VALUE));

    @Override
    public ApiKey apiKey() {
        return ApiKey.METADATA;
    }

    Struct toStruct() {
        Struct s = REQUEST.newStruct().set("AllowAutoTopicCreation", allowAutoTopicCreation);
        if (topics == null) {
            s.set("Topics", null);
        } else {
            List<Struct> list = new ArrayList<>(topics.size());
            for (String t : topics) {
                list.add(s.newElement("Topics").set("Name", t));
            }
            s.set("Topics", list);
        }
        return s;
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        Struct s = toStruct();
        if (version < 4) {
            s.set("AllowAutoTopicCreation", true); // not in the request: the broker's setting decides
            if (version == 0 && topics == null) {
                s.set("Topics", List.of()); // v0: an empty list means every topic
            }
        }
        REQUEST.write(w, s, version);
    }

    @Override
    public MetadataResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static MetadataResponse fromStruct(Struct s) {
        List<MetadataResponse.Broker> brokers = new ArrayList<>();
        for (Struct b : s.getStructs("Brokers")) {
            brokers.add(new MetadataResponse.Broker(b.getInt("NodeId"), b.getString("Host"), b.getInt("Port"),
                    b.getString("Rack")));
        }
        List<MetadataResponse.Topic> topics = new ArrayList<>();
        for (Struct t : s.getStructs("Topics")) {
            List<MetadataResponse.Partition> partitions = new ArrayList<>();
            for (Struct p : t.getStructs("Partitions")) {
                partitions.add(new MetadataResponse.Partition(p.getShort("ErrorCode"), p.getInt("PartitionIndex"),
                        p.getInt("LeaderId"), p.getInt("LeaderEpoch"), p.getInt32Array("ReplicaNodes"),
                        p.getInt32Array("IsrNodes"), p.getInt32Array("OfflineReplicas")));
            }
            topics.add(new MetadataResponse.Topic(t.getShort("ErrorCode"), t.getString("Name"),
                    t.getBool("IsInternal"), partitions, t.getUuid("TopicId")));
        }
        return new MetadataResponse(brokers, s.getString("ClusterId"), s.getInt("ControllerId"), topics,
                s.getInt("ThrottleTimeMs"));
    }
}
