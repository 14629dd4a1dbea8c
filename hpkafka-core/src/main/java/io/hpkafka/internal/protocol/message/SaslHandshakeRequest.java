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
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * SaslHandshake (key 17) v0-v1: picks the SASL mechanism on a SASL listener. After v0 the SASL tokens follow as raw
 * frames; after v1 they travel in {@link SaslAuthenticateRequest}s (KIP-152). Never flexible (KAFKA-9577).
 *
 * @param mechanism e.g. {@code PLAIN}, {@code SCRAM-SHA-512}
 */
public record SaslHandshakeRequest(String mechanism) implements Request<SaslHandshakeResponse> {

    /** The request table (SaslHandshakeRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.SASL_HANDSHAKE, "SaslHandshakeRequest",
            Field.of("Mechanism", STRING, "0+"));

    /** The response table (SaslHandshakeResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.SASL_HANDSHAKE, "SaslHandshakeResponse",
            Field.of("ErrorCode", INT16, "0+"),
            Field.array("Mechanisms", STRING, "0+"));

    @Override
    public ApiKey apiKey() {
        return ApiKey.SASL_HANDSHAKE;
    }

    Struct toStruct() {
        return REQUEST.newStruct().set("Mechanism", mechanism);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public SaslHandshakeResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static SaslHandshakeResponse fromStruct(Struct s) {
        List<String> mechanisms = new ArrayList<>();
        for (Object m : s.getArray("Mechanisms")) {
            mechanisms.add((String) m);
        }
        return new SaslHandshakeResponse(s.getShort("ErrorCode"), mechanisms);
    }
}
