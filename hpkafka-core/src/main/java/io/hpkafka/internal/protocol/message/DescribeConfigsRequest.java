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
import static io.hpkafka.internal.protocol.schema.Type.INT8;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * DescribeConfigs (key 32) v1-v4: the configs of topics (or brokers). Kafka 4.x removed v0; v1+ answers with each
 * value's source and can list synonyms; v3+ with its type and documentation; v4 is flexible. Topic configs may be
 * asked of any broker.
 *
 * @param resources what to describe
 */
public record DescribeConfigsRequest(List<Resource> resources) implements Request<DescribeConfigsResponse> {

    /** Resource type of a topic. */
    public static final byte TOPIC = 2;
    /** Resource type of a broker. */
    public static final byte BROKER = 4;

    /** The request table (DescribeConfigsRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.DESCRIBE_CONFIGS, "DescribeConfigsRequest",
            Field.structs("Resources", "0+",
                    Field.of("ResourceType", INT8, "0+"),
                    Field.of("ResourceName", STRING, "0+"),
                    Field.array("ConfigurationKeys", STRING, "0+").nullable("0+")),
            Field.of("IncludeSynonyms", BOOL, "1+"),
            Field.of("IncludeDocumentation", BOOL, "3+"));

    /** The response table (DescribeConfigsResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.DESCRIBE_CONFIGS, "DescribeConfigsResponse",
            Field.of("ThrottleTimeMs", INT32, "0+"),
            Field.structs("Results", "0+",
                    Field.of("ErrorCode", INT16, "0+"),
                    Field.of("ErrorMessage", STRING, "0+").nullable("0+"),
                    Field.of("ResourceType", INT8, "0+"),
                    Field.of("ResourceName", STRING, "0+"),
                    Field.structs("Configs", "0+",
                            Field.of("Name", STRING, "0+"),
                            Field.of("Value", STRING, "0+").nullable("0+"),
                            Field.of("ReadOnly", BOOL, "0+"),
                            Field.of("ConfigSource", INT8, "1+").withDefault((byte) -1).ignorable(),
                            Field.of("IsSensitive", BOOL, "0+"),
                            Field.structs("Synonyms", "1+",
                                    Field.of("Name", STRING, "1+"),
                                    Field.of("Value", STRING, "1+").nullable("0+"),
                                    Field.of("Source", INT8, "1+")).ignorable(),
                            Field.of("ConfigType", INT8, "3+").ignorable(),
                            Field.of("Documentation", STRING, "3+").nullable("0+").ignorable())));

    /**
     * @param resourceType {@link #TOPIC} or {@link #BROKER}
     * @param resourceName the topic name, or the broker id as text
     * @param configurationKeys the configs wanted, or null for all
     */
    public record Resource(byte resourceType, String resourceName, List<String> configurationKeys) {
    }

    public DescribeConfigsRequest {
        resources = List.copyOf(resources);
    }

    /** @return a request for every config of each of {@code topics} */
    public static DescribeConfigsRequest topics(List<String> topics) {
        List<Resource> rs = new ArrayList<>(topics.size());
        for (String t : topics) {
            rs.add(new Resource(TOPIC, t, null));
        }
        return new DescribeConfigsRequest(rs);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CONFIGS;
    }

    Struct toStruct() {
        Struct s = REQUEST.newStruct();
        List<Struct> rs = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            rs.add(s.newElement("Resources").set("ResourceType", r.resourceType())
                    .set("ResourceName", r.resourceName()).set("ConfigurationKeys", r.configurationKeys()));
        }
        return s.set("Resources", rs);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public DescribeConfigsResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static DescribeConfigsResponse fromStruct(Struct s) {
        List<DescribeConfigsResponse.Result> out = new ArrayList<>();
        for (Struct r : s.getStructs("Results")) {
            List<DescribeConfigsResponse.Config> configs = new ArrayList<>();
            for (Struct c : r.getStructs("Configs")) {
                configs.add(new DescribeConfigsResponse.Config(c.getString("Name"), c.getString("Value"),
                        c.getBool("ReadOnly"), c.getByte("ConfigSource"), c.getBool("IsSensitive")));
            }
            out.add(new DescribeConfigsResponse.Result(r.getShort("ErrorCode"), r.getString("ErrorMessage"),
                    r.getByte("ResourceType"), r.getString("ResourceName"), configs));
        }
        return new DescribeConfigsResponse(s.getInt("ThrottleTimeMs"), out);
    }
}
