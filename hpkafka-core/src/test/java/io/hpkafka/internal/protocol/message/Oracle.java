package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.schema.MessageSchema;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.Readable;
import org.apache.kafka.common.protocol.types.RawTaggedField;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** kafka-clients' generated message classes as the oracle for our bytes, both ways. */
final class Oracle {

    private Oracle() {
    }

    /** @return every version this client implements of {@code api} */
    static Stream<Short> versions(ApiKey api) {
        return IntStream.rangeClosed(api.minVersion(), api.maxVersion()).mapToObj(v -> (short) v);
    }

    /** @return kafka-clients' bytes of {@code m} at {@code version} */
    static ByteBuffer kafkaBytes(Message m, short version) {
        return MessageUtil.toByteBufferAccessor(m, version).buffer();
    }

    static byte[] toArray(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** @return our request body at {@code version} */
    static ByteBuffer ourBytes(Request<?> request, short version) {
        ProtocolWriter w = new ProtocolWriter(64);
        request.write(w, version);
        return ByteBuffer.wrap(Arrays.copyOf(w.array(), w.position()));
    }

    /** @return kafka-clients' reading of {@code bytes}, having checked it consumed them all */
    static <T extends ApiMessage> T kafkaRead(Class<T> type, ByteBuffer bytes, short version) {
        try {
            ByteBuffer b = bytes.duplicate();
            T m = type.getConstructor(Readable.class, short.class).newInstance(new ByteBufferAccessor(b), version);
            assertThat(b.remaining()).as("bytes kafka-clients left unread").isZero();
            return m;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e.getCause() != null ? e.getCause() : e);
        }
    }

    /** @return the kafka-clients class of one of our tables, e.g. JoinGroupRequestData for JoinGroupRequest */
    @SuppressWarnings("unchecked")
    static Class<? extends ApiMessage> kafkaClass(MessageSchema table) {
        try {
            return (Class<? extends ApiMessage>) Class.forName("org.apache.kafka.common.message." + table.name()
                    + "Data");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** @return our reading of a response body, having checked it consumed every byte */
    static <R> R ourRead(Request<R> request, ByteBuffer bytes, short version) {
        ByteBuffer b = bytes.duplicate();
        R r = request.readResponse(new ProtocolReader(b), version);
        assertThat(b.remaining()).as("bytes hpkafka left unread").isZero();
        return r;
    }

    /** Adds tags no version defines (as a newer broker might), which a reader must skip. */
    static <M extends Message> M withUnknownTags(M m, short version, ApiKey api) {
        if (api.isFlexible(version)) {
            m.unknownTaggedFields().add(new RawTaggedField(77, new byte[] {1, 2, 3}));
            m.unknownTaggedFields().add(new RawTaggedField(1_000, new byte[200]));
        }
        return m;
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
