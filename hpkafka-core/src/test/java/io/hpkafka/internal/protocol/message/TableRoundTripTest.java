package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.schema.Field;
import io.hpkafka.internal.protocol.schema.MessageSchema;
import io.hpkafka.internal.protocol.schema.Schema;
import io.hpkafka.internal.protocol.schema.Struct;
import io.hpkafka.internal.protocol.schema.Type;
import org.apache.kafka.common.protocol.ApiMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table (request and response of every table-driven API) at every version this client implements, with random
 * field values: kafka-clients reads our bytes and writes back exactly the same bytes, and we read kafka-clients'
 * bytes back to exactly the values we started from. Byte equality both ways checks every field's presence, order,
 * encoding (classic or compact), nullability and tagged section, not only the fields a typed record exposes.
 */
class TableRoundTripTest {

    static final List<MessageSchema> TABLES = List.of(
            ApiVersionsRequest.REQUEST, ApiVersionsRequest.RESPONSE,
            MetadataRequest.REQUEST, MetadataRequest.RESPONSE,
            ListOffsetsRequest.REQUEST, ListOffsetsRequest.RESPONSE,
            FindCoordinatorRequest.REQUEST, FindCoordinatorRequest.RESPONSE,
            JoinGroupRequest.REQUEST, JoinGroupRequest.RESPONSE,
            SyncGroupRequest.REQUEST, SyncGroupRequest.RESPONSE,
            HeartbeatRequest.REQUEST, HeartbeatRequest.RESPONSE,
            LeaveGroupRequest.REQUEST, LeaveGroupRequest.RESPONSE,
            OffsetCommitRequest.REQUEST, OffsetCommitRequest.RESPONSE,
            OffsetFetchRequest.REQUEST, OffsetFetchRequest.RESPONSE,
            InitProducerIdRequest.REQUEST, InitProducerIdRequest.RESPONSE,
            SaslHandshakeRequest.REQUEST, SaslHandshakeRequest.RESPONSE,
            SaslAuthenticateRequest.REQUEST, SaslAuthenticateRequest.RESPONSE,
            CreateTopicsRequest.REQUEST, CreateTopicsRequest.RESPONSE,
            DeleteTopicsRequest.REQUEST, DeleteTopicsRequest.RESPONSE,
            DescribeConfigsRequest.REQUEST, DescribeConfigsRequest.RESPONSE,
            ListGroupsRequest.REQUEST, ListGroupsRequest.RESPONSE,
            DescribeGroupsRequest.REQUEST, DescribeGroupsRequest.RESPONSE);

    private static final int SAMPLES_PER_VERSION = 25;

    static Stream<Arguments> tablesAndVersions() {
        return TABLES.stream().flatMap(t -> Oracle.versions(t.api()).map(v -> Arguments.of(t, v)));
    }

    @Test
    void everyApiButProduceAndFetchHasATablePair() {
        Set<ApiKey> covered = TABLES.stream().map(MessageSchema::api).collect(Collectors.toSet());
        Set<ApiKey> handWritten = EnumSet.complementOf(EnumSet.copyOf(covered));
        assertThat(handWritten).containsExactlyInAnyOrder(ApiKey.PRODUCE, ApiKey.FETCH);
        for (ApiKey api : covered) {
            assertThat(TABLES.stream().filter(t -> t.api() == api).map(MessageSchema::name))
                    .as(api.name()).hasSize(2).allMatch(n -> n.endsWith("Request") || n.endsWith("Response"));
        }
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("tablesAndVersions")
    void kafkaClientsAndHpkafkaAgreeOnEveryByte(MessageSchema table, short version) {
        Class<? extends ApiMessage> kafkaType = Oracle.kafkaClass(table);
        Random random = new Random(31L * table.name().hashCode() + version);
        for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
            Struct ours = randomStruct(table.schema(), version, table.api().isFlexible(version), random, 0);

            ProtocolWriter w = new ProtocolWriter(16);
            table.write(w, ours, version);
            byte[] ourBytes = Arrays.copyOf(w.array(), w.position());
            assertThat(ourBytes.length).isEqualTo(table.sizeOf(ours, version));

            ApiMessage kafka = Oracle.kafkaRead(kafkaType, ByteBuffer.wrap(ourBytes), version);
            byte[] kafkaBytes = Oracle.toArray(Oracle.kafkaBytes(kafka, version));
            assertThat(kafkaBytes).as("kafka-clients' bytes of %s", kafka).isEqualTo(ourBytes);

            ByteBuffer in = ByteBuffer.wrap(kafkaBytes);
            Struct back = table.read(new ProtocolReader(in), version);
            assertThat(in.remaining()).isZero();
            assertThat(back).isEqualTo(ours);
        }
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("tablesAndVersions")
    void tagsThisClientDoesNotKnowAreSkipped(MessageSchema table, short version) {
        if (!table.api().isFlexible(version)) {
            return;
        }
        Random random = new Random(7L * table.name().hashCode() + version);
        Struct ours = randomStruct(table.schema(), version, true, random, 0);
        ProtocolWriter w = new ProtocolWriter(16);
        table.write(w, ours, version);
        ApiMessage kafka = Oracle.kafkaRead(Oracle.kafkaClass(table), w.toByteBuffer(), version);
        Oracle.withUnknownTags(kafka, version, table.api());

        ByteBuffer in = Oracle.kafkaBytes(kafka, version);
        assertThat(in.remaining()).isGreaterThan(w.position());
        Struct back = table.read(new ProtocolReader(in), version);
        assertThat(in.remaining()).isZero();
        assertThat(back).isEqualTo(ours);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A struct with random values in every field the version has (tagged ones sometimes left at default). */
    static Struct randomStruct(Schema schema, short version, boolean flexible, Random random, int depth) {
        Struct s = schema.newStruct();
        for (Field f : schema.fields()) {
            if (!f.versions().contains(version) || (f.isTagged() && random.nextInt(3) == 0)) {
                continue;
            }
            if (f.nullableVersions().contains(version) && random.nextInt(5) == 0) {
                s.set(f.name(), null);
            } else if (f.type() == Type.ARRAY) {
                int n = random.nextInt(depth > 1 ? 2 : 4);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(f.elementType() == Type.STRUCT
                            ? randomStruct(f.elementSchema(), version, flexible, random, depth + 1)
                            : randomValue(f.elementType(), random));
                }
                s.set(f.name(), list);
            } else {
                s.set(f.name(), randomValue(f.type(), random));
            }
        }
        return s;
    }

    private static final String[] TEXT = {"", "a", "topic-1", "group.é€", "𝄞 clef", "x".repeat(200)};

    static Object randomValue(Type type, Random random) {
        return switch (type) {
            case BOOL -> random.nextBoolean();
            case INT8 -> (byte) random.nextInt();
            case INT16 -> (short) random.nextInt();
            case INT32 -> random.nextInt();
            case INT64 -> random.nextLong();
            case UUID -> new UUID(random.nextLong(), random.nextLong());
            case STRING -> TEXT[random.nextInt(TEXT.length)] + (random.nextBoolean() ? "" : random.nextInt(1000));
            case BYTES -> {
                byte[] b = new byte[random.nextInt(3) == 0 ? 300 : random.nextInt(8)];
                random.nextBytes(b);
                yield b;
            }
            default -> throw new IllegalArgumentException(type.name());
        };
    }
}
