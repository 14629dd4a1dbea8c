package io.hpkafka.internal.protocol.message;

import io.hpkafka.config.CompressionCodec;
import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.record.LegacyMessageSetWriter;
import io.hpkafka.internal.protocol.schema.MessageSchema;
import io.hpkafka.internal.protocol.schema.Struct;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every response decoder (every API, table-driven or hand-written, at every version this client implements) fed
 * random bytes and mutated valid responses: the only exception that may come out is {@link ProtocolException}, no
 * decode takes long, and the memory a decode allocates stays proportional to the frame (a length read from the wire
 * is checked against the bytes left before anything is allocated for it).
 */
class ResponseDecoderFuzzTest {

    /** Fixed cost of a decode that throws: the exception, its message and stack trace. */
    private static final long ALLOCATION_SLACK_BYTES = 64 * 1024;
    /**
     * Objects per wire byte: a 7-byte array element becomes a Struct, its boxed fields and a typed record. A length
     * trusted without a check allocates up to 2 GB from a few bytes, far beyond this.
     */
    private static final long ALLOCATION_PER_FRAME_BYTE = 64;
    private static final long MAX_DECODE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final AtomicLong MAX_ALLOCATED_BYTES = new AtomicLong();

    /** One response decoder at one version, with valid response bodies to mutate. */
    record Decoder(ApiKey api, short version, Request<?> request, List<byte[]> validBodies) {
        @Override
        public String toString() {
            return api + " v" + version;
        }
    }

    static final List<Decoder> DECODERS = buildDecoders();

    private static List<Decoder> buildDecoders() {
        Map<ApiKey, Request<?>> requests = Map.ofEntries(
                Map.entry(ApiKey.API_VERSIONS, ApiVersionsRequest.INSTANCE),
                Map.entry(ApiKey.METADATA, new MetadataRequest(null, true)),
                Map.entry(ApiKey.LIST_OFFSETS, new ListOffsetsRequest("t", 0, ListOffsetsRequest.LATEST)),
                Map.entry(ApiKey.FIND_COORDINATOR, FindCoordinatorRequest.group("g")),
                Map.entry(ApiKey.JOIN_GROUP, new JoinGroupRequest("g", 1, 1, "", null, "consumer", List.of(), null)),
                Map.entry(ApiKey.SYNC_GROUP, new SyncGroupRequest("g", 1, "m", null, null, null, List.of())),
                Map.entry(ApiKey.HEARTBEAT, new HeartbeatRequest("g", 1, "m", null)),
                Map.entry(ApiKey.LEAVE_GROUP, LeaveGroupRequest.of("g", "m", null)),
                Map.entry(ApiKey.OFFSET_COMMIT, new OffsetCommitRequest("g", -1, "", null, List.of())),
                Map.entry(ApiKey.OFFSET_FETCH, OffsetFetchRequest.of("g", null)),
                Map.entry(ApiKey.INIT_PRODUCER_ID, InitProducerIdRequest.idempotent()),
                Map.entry(ApiKey.SASL_HANDSHAKE, new SaslHandshakeRequest("PLAIN")),
                Map.entry(ApiKey.SASL_AUTHENTICATE, new SaslAuthenticateRequest(new byte[0])),
                Map.entry(ApiKey.CREATE_TOPICS, new CreateTopicsRequest(List.of(), 1, false)),
                Map.entry(ApiKey.DELETE_TOPICS, new DeleteTopicsRequest(List.of(), 1)),
                Map.entry(ApiKey.DESCRIBE_CONFIGS, DescribeConfigsRequest.topics(List.of("t"))),
                Map.entry(ApiKey.LIST_GROUPS, ListGroupsRequest.ALL),
                Map.entry(ApiKey.DESCRIBE_GROUPS, new DescribeGroupsRequest(List.of("g"))),
                Map.entry(ApiKey.PRODUCE, new ProduceRequest((short) 1, 1, List.of())),
                Map.entry(ApiKey.FETCH, new FetchRequest(1, 1, 1, List.of())));
        assertThat(requests.keySet()).containsExactlyInAnyOrder(ApiKey.values());

        Map<ApiKey, MessageSchema> responseTables = new java.util.EnumMap<>(ApiKey.class);
        for (MessageSchema t : TableRoundTripTest.TABLES) {
            if (t.name().endsWith("Response")) {
                responseTables.put(t.api(), t);
            }
        }
        Map<ApiKey, Function<Short, byte[]>> handWritten = Map.of(
                ApiKey.PRODUCE, v -> v < ApiKey.PRODUCE.minVersion() ? legacyProduceResponse(v)
                        : Oracle.toArray(Oracle.kafkaBytes(ProduceFetchOracleTest.produceResponseSample(v), v)),
                ApiKey.FETCH, v -> v < ApiKey.FETCH.minVersion() ? legacyFetchResponse(v)
                        : Oracle.toArray(Oracle.kafkaBytes(
                                ProduceFetchOracleTest.fetchResponseSample(v, ProduceFetchOracleTest.batch(200, v)),
                                v)));

        List<Decoder> out = new ArrayList<>();
        Random random = new Random(2024);
        for (ApiKey api : ApiKey.values()) {
            for (short v = api.lowestVersion(); v <= api.maxVersion(); v++) {
                List<byte[]> bodies = new ArrayList<>();
                MessageSchema table = responseTables.get(api);
                for (int i = 0; i < 4; i++) {
                    if (table != null) {
                        Struct s = TableRoundTripTest.randomStruct(table.schema(), v, api.isFlexible(v), random, 0);
                        ProtocolWriter w = new ProtocolWriter(64);
                        table.write(w, s, v);
                        bodies.add(Arrays.copyOf(w.array(), w.position()));
                    } else if (i == 0) {
                        bodies.add(handWritten.get(api).apply(v));
                    }
                }
                out.add(new Decoder(api, v, requests.get(api), List.copyOf(bodies)));
            }
        }
        return List.copyOf(out);
    }

    @BeforeContainer
    static void warmUp() {
        // Class loading and first-call allocations are not the decoder's: run every valid body once first.
        for (Decoder d : DECODERS) {
            for (byte[] body : d.validBodies()) {
                d.request().readResponse(new ProtocolReader(ByteBuffer.wrap(body)), d.version());
            }
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("Largest allocation of one decode: " + MAX_ALLOCATED_BYTES.get() + " bytes");
    }

    @Provide
    Arbitrary<Decoder> decoders() {
        return Arbitraries.of(DECODERS);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Property(tries = 20_000)
    void randomBytesGiveAResponseOrAProtocolException(@ForAll("decoders") Decoder decoder,
                                                      @ForAll("frames") byte[] body) {
        decodeChecked(decoder, body);
    }

    @Provide
    Arbitrary<byte[]> frames() {
        // Plain random bytes, and bytes biased to the values that make lengths and varints extreme.
        Arbitrary<Byte> extreme = Arbitraries.of((byte) 0, (byte) 1, (byte) -1, (byte) 0x7F, (byte) 0x80);
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes()), net.jqwik.api.Tuple.of(1, extreme));
        return bytes.array(byte[].class).ofMaxSize(600);
    }

    @Property(tries = 40_000)
    void mutatedValidResponsesGiveAResponseOrAProtocolException(@ForAll("decoders") Decoder decoder,
                                                                @ForAll long seed) {
        Random random = new Random(seed);
        byte[] valid = decoder.validBodies().get(random.nextInt(decoder.validBodies().size()));
        decodeChecked(decoder, mutate(valid, random));
    }

    /** Overwrites, sets to extreme values, inserts, deletes or truncates a few bytes. */
    static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b[at] = (byte) random.nextInt();
                case 1 -> b[at] = new byte[] {0, -1, 0x7F, (byte) 0x80, 1}[random.nextInt(5)];
                case 2 -> { // a length or count of int32 size set to something wild
                    int v = new int[] {-2, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x00FFFFFF}[random.nextInt(5)];
                    for (int i = 0; i < 4 && at + i < b.length; i++) {
                        b[at + i] = (byte) (v >>> (24 - 8 * i));
                    }
                }
                case 3 -> b = Arrays.copyOf(b, at); // truncate
                case 4 -> { // delete one byte
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> { // insert a varint continuation byte
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) 0xFF;
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    @Example
    void everyProperPrefixOfAValidResponseIsAProtocolException() {
        for (Decoder d : DECODERS) {
            for (byte[] body : d.validBodies()) {
                assertThat(decodeChecked(d, body)).as("%s decodes its valid body", d).isTrue();
                for (int len = 0; len < body.length; len++) {
                    assertThat(decodeChecked(d, Arrays.copyOf(body, len)))
                            .as("%s cut to %d of %d bytes", d, len, body.length).isFalse();
                }
            }
        }
    }

    @Example
    void everyDecoderIsFuzzed() {
        int versions = 0;
        for (ApiKey api : ApiKey.values()) {
            versions += api.maxVersion() - api.lowestVersion() + 1;
        }
        assertThat(DECODERS).hasSize(versions);
        assertThat(DECODERS).allSatisfy(d -> assertThat(d.validBodies()).isNotEmpty());
    }

    /**
     * Decodes {@code body}, failing on any exception but {@link ProtocolException}, on a slow decode, or on an
     * allocation beyond what the frame's size explains.
     *
     * @return whether the body decoded
     */
    static boolean decodeChecked(Decoder d, byte[] body) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        boolean decoded = decode(d, body);
        long elapsed = System.nanoTime() - start;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (elapsed > MAX_DECODE_NANOS) {
            fail(d + " took " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms for " + body.length + " bytes");
        }
        long bound = ALLOCATION_SLACK_BYTES + ALLOCATION_PER_FRAME_BYTE * body.length;
        if (allocated > bound) {
            // The first run of an error path bootstraps its message's string concatenation (invokedynamic, ~200 KB
            // once per call site). A length trusted without a check allocates again on the same bytes: measure twice.
            allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            decode(d, body);
            allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            if (allocated > bound) {
                fail(d + " allocated " + allocated + " bytes decoding a " + body.length + "-byte frame");
            }
        }
        MAX_ALLOCATED_BYTES.accumulateAndGet(allocated, Math::max);
        return decoded;
    }

    /**
     * A Produce v0-v2 response (legacy compatibility modes only; kafka-clients 4.x has no class for them, the
     * legacy-it module checks them against 3.9.1's): two partitions, log append time from v2, throttle from v1.
     */
    static byte[] legacyProduceResponse(short v) {
        ProtocolWriter w = new ProtocolWriter(64);
        w.arrayLength(1).string("orders").arrayLength(2);
        for (int p = 0; p < 2; p++) {
            w.int32(p).int16(p).int64(100 + p);
            if (v >= 2) {
                w.int64(-1L);
            }
        }
        if (v >= 1) {
            w.int32(7);
        }
        return Arrays.copyOf(w.array(), w.position());
    }

    /** A Fetch v0-v3 response carrying a legacy message set (magic 0, or 1 from v2). */
    static byte[] legacyFetchResponse(short v) {
        ProtocolWriter set = new ProtocolWriter(64);
        LegacyMessageSetWriter messages = new LegacyMessageSetWriter();
        messages.begin(set, (byte) (v >= 2 ? 1 : 0), CompressionCodec.NONE);
        for (int i = 0; i < 3; i++) {
            messages.append(1_700_000_000_000L + i, new byte[] {(byte) i}, new byte[20], List.of());
        }
        messages.end();
        ProtocolWriter w = new ProtocolWriter(64);
        if (v >= 1) {
            w.int32(0); // throttle
        }
        w.arrayLength(1).string("orders").arrayLength(1);
        w.int32(0).int16(0).int64(3L).int32(set.position());
        w.bytes(set.array(), 0, set.position());
        return Arrays.copyOf(w.array(), w.position());
    }

    /** @return whether {@code body} decoded; fails on any exception but {@link ProtocolException} */
    private static boolean decode(Decoder d, byte[] body) {
        try {
            d.request().readResponse(new ProtocolReader(ByteBuffer.wrap(body)), d.version());
            return true;
        } catch (ProtocolException expected) {
            return false;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new AssertionError(d + " threw " + e + " for " + body.length + " bytes: "
                    + Arrays.toString(Arrays.copyOf(body, Math.min(body.length, 64))), e);
        }
    }
}
