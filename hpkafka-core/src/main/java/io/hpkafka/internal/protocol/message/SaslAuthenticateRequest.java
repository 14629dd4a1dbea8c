package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.schema.Field;
import io.hpkafka.internal.protocol.schema.MessageSchema;
import io.hpkafka.internal.protocol.schema.Struct;

import static io.hpkafka.internal.protocol.schema.Type.BYTES;
import static io.hpkafka.internal.protocol.schema.Type.INT16;
import static io.hpkafka.internal.protocol.schema.Type.INT64;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * SaslAuthenticate (key 36) v0-v2: one SASL token exchange after SaslHandshake v1 (KIP-152). v1+ returns the session
 * lifetime, after which the client must re-authenticate (KIP-368); v2 is flexible.
 *
 * @param authBytes the mechanism's token
 */
public record SaslAuthenticateRequest(byte[] authBytes) implements Request<SaslAuthenticateResponse> {

    /** The request table (SaslAuthenticateRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.SASL_AUTHENTICATE, "SaslAuthenticateRequest",
            Field.of("AuthBytes", BYTES, "0+"));

    /** The response table (SaslAuthenticateResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.SASL_AUTHENTICATE,
            "SaslAuthenticateResponse",
            Field.of("ErrorCode", INT16, "0+"),
            Field.of("ErrorMessage", STRING, "0+").nullable("0+"),
            Field.of("AuthBytes", BYTES, "0+"),
            Field.of("SessionLifetimeMs", INT64, "1+").ignorable());

    @Override
    public ApiKey apiKey() {
        return ApiKey.SASL_AUTHENTICATE;
    }

    Struct toStruct() {
        return REQUEST.newStruct().set("AuthBytes", authBytes);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public SaslAuthenticateResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static SaslAuthenticateResponse fromStruct(Struct s) {
        return new SaslAuthenticateResponse(s.getShort("ErrorCode"), s.getString("ErrorMessage"),
                s.getBytes("AuthBytes"), s.getLong("SessionLifetimeMs"));
    }
}
