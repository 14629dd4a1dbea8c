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
 * DeleteTopics (key 20) v1-v5: deletes topics by name. v4+ is flexible; v5 answers with a per-topic error message.
 * v6 names topics by id (KIP-516) and is left out. In KRaft any broker forwards the request to the controller.
 *
 * @param topicNames the topics to delete
 * @param timeoutMs how long the broker waits for the deletion to complete before answering REQUEST_TIMED_OUT, in ms
 */
public record DeleteTopicsRequest(List<String> topicNames, int timeoutMs) implements Request<DeleteTopicsResponse> {

    /** The request table (DeleteTopicsRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.DELETE_TOPICS, "DeleteTopicsRequest",
            Field.array("TopicNames", STRING, "0-5"),
            Field.of("TimeoutMs", INT32, "0+"));

    /** The response table (DeleteTopicsResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.DELETE_TOPICS, "DeleteTopicsResponse",
            Field.of("ThrottleTimeMs", INT32, "1+").ignorable(),
            Field.structs("Responses", "0+",
                    Field.of("Name", STRING, "0+"),
                    Field.of("ErrorCode", INT16, "0+"),
                    Field.of("ErrorMessage", STRING, "5+").nullable("5+").withDefault(null).ignorable()));

    public DeleteTopicsRequest {
        topicNames = List.copyOf(topicNames);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_TOPICS;
    }

    Struct toStruct() {
        return REQUEST.newStruct().set("TopicNames", topicNames).set("TimeoutMs", timeoutMs);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public DeleteTopicsResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static DeleteTopicsResponse fromStruct(Struct s) {
        List<DeleteTopicsResponse.TopicResult> out = new ArrayList<>();
        for (Struct t : s.getStructs("Responses")) {
            out.add(new DeleteTopicsResponse.TopicResult(t.getString("Name"), t.getShort("ErrorCode"),
                    t.getString("ErrorMessage")));
        }
        return new DeleteTopicsResponse(s.getInt("ThrottleTimeMs"), out);
    }
}
