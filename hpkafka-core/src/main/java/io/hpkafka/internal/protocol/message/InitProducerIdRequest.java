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
import static io.hpkafka.internal.protocol.schema.Type.INT64;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * InitProducerId (key 22) v0-v5: a producer id and epoch for idempotent (KIP-98) or transactional producing. An
 * idempotent producer may ask any broker; a transactional one asks its transaction coordinator. v2+ is flexible;
 * v3+ lets a producer keep its id and bump its epoch after an error (KIP-360), which {@link #minVersion()} then asks
 * for. v6 (two-phase commit, KIP-939) is unstable in Kafka 4.1 and left out.
 *
 * @param transactionalId the transactional id, or null for an idempotent producer
 * @param transactionTimeoutMs how long a transaction may stay open, in ms; ignored without a transactional id
 * @param producerId the current producer id to keep (v3+), or -1
 * @param producerEpoch the current epoch (v3+), or -1
 */
public record InitProducerIdRequest(String transactionalId, int transactionTimeoutMs, long producerId,
                                    short producerEpoch) implements Request<InitProducerIdResponse> {

    /** The request table (InitProducerIdRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.INIT_PRODUCER_ID, "InitProducerIdRequest",
            Field.of("TransactionalId", STRING, "0+").nullable("0+"),
            Field.of("TransactionTimeoutMs", INT32, "0+"),
            Field.of("ProducerId", INT64, "3+").withDefault(-1L),
            Field.of("ProducerEpoch", INT16, "3+").withDefault((short) -1));

    /** The response table (InitProducerIdResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.INIT_PRODUCER_ID, "InitProducerIdResponse",
            Field.of("ThrottleTimeMs", INT32, "0+").ignorable(),
            Field.of("ErrorCode", INT16, "0+"),
            Field.of("ProducerId", INT64, "0+").withDefault(-1L),
            Field.of("ProducerEpoch", INT16, "0+"));

    /**
     * @return a request for a fresh idempotent producer id; the transaction timeout is Integer.MAX_VALUE as the Java
     *     client sends it, since no transaction exists
     */
    public static InitProducerIdRequest idempotent() {
        return new InitProducerIdRequest(null, Integer.MAX_VALUE, -1L, (short) -1);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INIT_PRODUCER_ID;
    }

    /** @return 3 when an existing producer id or epoch is given, else 0 */
    @Override
    public short minVersion() {
        return (short) (producerId != -1L || producerEpoch != -1 ? 3 : 0);
    }

    Struct toStruct() {
        return REQUEST.newStruct()
                .set("TransactionalId", transactionalId)
                .set("TransactionTimeoutMs", transactionTimeoutMs)
                .set("ProducerId", producerId)
                .set("ProducerEpoch", producerEpoch);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public InitProducerIdResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static InitProducerIdResponse fromStruct(Struct s) {
        return new InitProducerIdResponse(s.getInt("ThrottleTimeMs"), s.getShort("ErrorCode"),
                s.getLong("ProducerId"), s.getShort("ProducerEpoch"));
    }
}
