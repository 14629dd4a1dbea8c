package io.hpkafka.internal.protocol;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.network.BrokerConnection;
import io.hpkafka.internal.network.ConnectionSettings;
import io.hpkafka.internal.network.IoLoop;
import io.hpkafka.internal.protocol.message.DescribeGroupsResponse;
import io.hpkafka.internal.protocol.message.DescribeGroupsRequest;
import io.hpkafka.internal.protocol.message.ListGroupsResponse;
import io.hpkafka.internal.protocol.message.ListGroupsRequest;
import io.hpkafka.internal.protocol.message.DescribeConfigsResponse;
import io.hpkafka.internal.protocol.message.DescribeConfigsRequest;
import io.hpkafka.internal.protocol.message.DeleteTopicsResponse;
import io.hpkafka.internal.protocol.message.DeleteTopicsRequest;
import io.hpkafka.internal.protocol.message.CreateTopicsResponse;
import io.hpkafka.internal.protocol.message.CreateTopicsRequest;
import io.hpkafka.internal.protocol.message.ApiVersionsRequest;
import io.hpkafka.internal.protocol.message.ApiVersionsResponse;
import io.hpkafka.internal.protocol.message.FetchRequest;
import io.hpkafka.internal.protocol.message.FetchResponse;
import io.hpkafka.internal.protocol.message.FindCoordinatorRequest;
import io.hpkafka.internal.protocol.message.FindCoordinatorResponse;
import io.hpkafka.internal.protocol.message.HeartbeatRequest;
import io.hpkafka.internal.protocol.message.InitProducerIdRequest;
import io.hpkafka.internal.protocol.message.InitProducerIdResponse;
import io.hpkafka.internal.protocol.message.JoinGroupRequest;
import io.hpkafka.internal.protocol.message.JoinGroupResponse;
import io.hpkafka.internal.protocol.message.LeaveGroupRequest;
import io.hpkafka.internal.protocol.message.LeaveGroupResponse;
import io.hpkafka.internal.protocol.message.ListOffsetsRequest;
import io.hpkafka.internal.protocol.message.ListOffsetsResponse;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;
import io.hpkafka.internal.protocol.message.OffsetCommitRequest;
import io.hpkafka.internal.protocol.message.OffsetCommitResponse;
import io.hpkafka.internal.protocol.message.OffsetFetchRequest;
import io.hpkafka.internal.protocol.message.OffsetFetchResponse;
import io.hpkafka.internal.protocol.message.ProduceRequest;
import io.hpkafka.internal.protocol.message.ProduceResponse;
import io.hpkafka.internal.protocol.message.SaslAuthenticateRequest;
import io.hpkafka.internal.protocol.message.SaslHandshakeRequest;
import io.hpkafka.internal.protocol.message.SyncGroupRequest;
import io.hpkafka.internal.protocol.message.SyncGroupResponse;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API this client implements, sent over a {@link BrokerConnection} to a real broker: first once at the version
 * the connection negotiates (the highest both sides speak, so the flexible encodings and header versions are what the
 * broker reads), then at every version this client implements that the broker serves, by pinning the version. A
 * broker that cannot parse a request closes the connection or answers an error, so error code NONE is the check.
 */
@HpKafkaCluster
class ProtocolSmokeTest {

    private static final int SESSION_TIMEOUT_MS = 10_000;
    /** Topic and group names are unique per run, so an external cluster can run this again. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private IoLoop loop;
    private ExecutorService callbacks;
    private BrokerConnection seed;

    @BeforeEach
    void connect(KafkaTestCluster kafka) {
        loop = new IoLoop("smoke-io");
        callbacks = Executors.newFixedThreadPool(2);
        seed = connection(-1, BrokerAddress.parseList("seeds", kafka.bootstrapServers()).get(0));
    }

    @AfterEach
    void close() {
        loop.close();
        callbacks.shutdownNow();
    }

    private BrokerConnection connection(int nodeId, BrokerAddress address) {
        return new BrokerConnection(nodeId, address, loop, new ConnectionSettings("protocol-smoke", 5, 30_000,
                128 * 1024, 128 * 1024, 64 * 1024 * 1024, callbacks));
    }

    @Test
    void everyApiAtTheNegotiatedVersion(KafkaTestCluster kafka) throws Exception {
        String topic = "smoke-negotiated-" + RUN;
        kafka.createTopic(topic, 1, 1);
        MetadataResponse metadata = send(seed, new MetadataRequest(List.of(topic), false));
        assertThat(metadata.topics()).singleElement().satisfies(t -> assertThat(t.errorCode()).isZero());

        // The highest version both sides speak (for a Kafka 4.1 broker: our maximum of every API).
        ApiVersionsResponse broker = send(seed, ApiVersionsRequest.INSTANCE);
        for (ApiKey api : ApiKey.values()) {
            assertThat(seed.negotiatedVersion(api)).as(api.name())
                    .isEqualTo(clamp(broker, api, api.maxVersion()));
        }

        groupCycle(seed, "smoke-negotiated-group-" + RUN, topic, null);
        InitProducerIdResponse pid = initProducerId(seed, InitProducerIdRequest.idempotent());
        assertThat(pid.errorCode()).isEqualTo(Errors.NONE);
        assertThat(pid.producerId()).isNotNegative();
        assertThat(pid.producerEpoch()).isNotNegative();

        // A PLAINTEXT listener answers SASL requests with ILLEGAL_SASL_STATE: it parsed them, and kept the connection.
        assertThat(send(seed, new SaslHandshakeRequest("PLAIN")).errorCode()).isEqualTo(Errors.ILLEGAL_SASL_STATE);
        assertThat(send(seed, new SaslAuthenticateRequest(new byte[] {0, 'u', 0, 'p'})).errorCode())
                .isEqualTo(Errors.ILLEGAL_SASL_STATE);

        produceAndFetch(seed, topic, null);
    }

    @Test
    void everyVersionThisClientImplementsAndTheBrokerServes(KafkaTestCluster kafka) throws Exception {
        String topic = "smoke-pinned-" + RUN;
        kafka.createTopic(topic, 1, 1);
        send(seed, new MetadataRequest(List.of(topic), false)); // negotiates
        ApiVersionsResponse broker = send(seed, ApiVersionsRequest.INSTANCE);
        for (ApiKey api : ApiKey.values()) {
            assertThat(served(broker, api)).as("versions of %s both sides speak", api).isNotEmpty();
        }

        for (short v : served(broker, ApiKey.API_VERSIONS)) {
            ApiVersionsResponse r = send(seed, pin(ApiVersionsRequest.INSTANCE, v));
            assertThat(r.errorCode()).as("ApiVersions v%d", v).isEqualTo(Errors.NONE);
            assertThat(r.maxVersions()[ApiKey.JOIN_GROUP.id()]).isEqualTo(broker.maxVersions()[ApiKey.JOIN_GROUP.id()]);
        }
        for (short v : served(broker, ApiKey.METADATA)) {
            MetadataResponse r = send(seed, pin(new MetadataRequest(List.of(topic), false), v));
            assertThat(r.topics()).as("Metadata v%d", v).singleElement()
                    .satisfies(t -> assertThat(t.partitions()).hasSize(1));
            assertThat(r.brokers()).isNotEmpty();
        }
        for (short v : served(broker, ApiKey.LIST_OFFSETS)) {
            ListOffsetsResponse r = send(seed, pin(new ListOffsetsRequest(topic, 0, ListOffsetsRequest.LATEST), v));
            assertThat(r.partitions()).as("ListOffsets v%d", v).singleElement()
                    .satisfies(p -> assertThat(p.errorCode()).isEqualTo(Errors.NONE));
        }
        for (short v : served(broker, ApiKey.FIND_COORDINATOR)) {
            FindCoordinatorResponse r = findCoordinator(seed, pin(FindCoordinatorRequest.group("pinned-" + RUN + "-" + v), v));
            assertThat(r.coordinators()).as("FindCoordinator v%d", v).singleElement()
                    .satisfies(c -> assertThat(c.errorCode()).isEqualTo(Errors.NONE));
        }
        for (short v : served(broker, ApiKey.INIT_PRODUCER_ID)) {
            InitProducerIdResponse r = initProducerId(seed, pin(InitProducerIdRequest.idempotent(), v));
            assertThat(r.errorCode()).as("InitProducerId v%d", v).isEqualTo(Errors.NONE);
        }
        for (short v : served(broker, ApiKey.SASL_HANDSHAKE)) {
            assertThat(send(seed, pin(new SaslHandshakeRequest("PLAIN"), v)).errorCode())
                    .isEqualTo(Errors.ILLEGAL_SASL_STATE);
        }
        for (short v : served(broker, ApiKey.SASL_AUTHENTICATE)) {
            assertThat(send(seed, pin(new SaslAuthenticateRequest(new byte[0]), v)).errorCode())
                    .isEqualTo(Errors.ILLEGAL_SASL_STATE);
        }

        // The group APIs in step: round i uses version min(i, max) of each, so every version runs at least once.
        int rounds = 0;
        for (ApiKey api : GROUP_APIS) {
            rounds = Math.max(rounds, api.maxVersion() + 1);
        }
        for (int i = 0; i < rounds; i++) {
            final int round = i;
            groupCycle(seed, "pinned-group-" + RUN + "-" + i, topic, api -> clamp(broker, api, round));
        }
        for (short v : served(broker, ApiKey.PRODUCE)) {
            short fetchVersion = clamp(broker, ApiKey.FETCH, v + 1);
            produceAndFetch(seed, topic, api -> api == ApiKey.PRODUCE ? v : fetchVersion);
        }
        for (short v : served(broker, ApiKey.FETCH)) {
            short produceVersion = clamp(broker, ApiKey.PRODUCE, ApiKey.PRODUCE.maxVersion());
            produceAndFetch(seed, topic, api -> api == ApiKey.FETCH ? v : produceVersion);
        }
    }

    /**
     * The admin APIs at every version both sides speak: CreateTopics (with explicit counts, which every version takes)
     * and DescribeConfigs of the topic it made, DeleteTopics of it; ListGroups and DescribeGroups of a group that
     * exists because offsets were committed for it. The seed forwards controller requests in KRaft.
     */
    @Test
    void everyAdminApiVersionThisClientImplementsAndTheBrokerServes(KafkaTestCluster kafka) throws Exception {
        String topic = "smoke-admin-" + RUN;
        String group = "smoke-admin-group-" + RUN;
        kafka.createTopic(topic, 1, 1);
        ApiVersionsResponse broker = send(seed, ApiVersionsRequest.INSTANCE);
        FindCoordinatorResponse.Coordinator c = findCoordinator(seed, FindCoordinatorRequest.group(group))
                .coordinators().get(0);
        BrokerConnection coordinator = connection(c.nodeId(), new BrokerAddress(c.host(), c.port()));
        assertThat(send(coordinator, new OffsetCommitRequest(group, -1, "", null, List.of(new OffsetCommitRequest
                .Topic(topic, List.of(new OffsetCommitRequest.Partition(0, 0L, -1, null)))))).partitions())
                .allSatisfy(p -> assertThat(p.errorCode()).isEqualTo(Errors.NONE));

        for (short v : served(broker, ApiKey.CREATE_TOPICS)) {
            String created = topic + "-v" + v;
            CreateTopicsResponse r = send(seed, pin(new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic(
                    created, 2, (short) 1, java.util.Map.of("retention.ms", "3600000"))), 20_000, false), v));
            assertThat(r.topics()).as("CreateTopics v%d", v).singleElement().satisfies(t -> {
                assertThat(t.errorCode()).as(Errors.name(t.errorCode())).isEqualTo(Errors.NONE);
                assertThat(t.numPartitions()).isEqualTo(v >= 5 ? 2 : -1);
            });
        }
        for (short v : served(broker, ApiKey.DESCRIBE_CONFIGS)) {
            DescribeConfigsResponse r = send(seed, pin(DescribeConfigsRequest.topics(List.of(topic + "-v"
                    + ApiKey.CREATE_TOPICS.minVersion())), v));
            assertThat(r.results()).as("DescribeConfigs v%d", v).singleElement().satisfies(x -> {
                assertThat(x.errorCode()).isEqualTo(Errors.NONE);
                assertThat(x.configs()).contains(new DescribeConfigsResponse.Config("retention.ms", "3600000",
                        false, (byte) 1, false));
            });
        }
        for (short v : served(broker, ApiKey.CREATE_TOPICS)) {
            short deleteVersion = clamp(broker, ApiKey.DELETE_TOPICS, v - 1); // every delete version, with spares
            DeleteTopicsResponse r = send(seed, pin(new DeleteTopicsRequest(List.of(topic + "-v" + v), 20_000),
                    deleteVersion));
            assertThat(r.topics()).as("DeleteTopics v%d", deleteVersion).singleElement()
                    .satisfies(t -> assertThat(t.errorCode()).isEqualTo(Errors.NONE));
        }
        for (short v : served(broker, ApiKey.LIST_GROUPS)) {
            ListGroupsResponse r = send(coordinator, pin(ListGroupsRequest.ALL, v));
            assertThat(r.errorCode()).as("ListGroups v%d", v).isEqualTo(Errors.NONE);
            assertThat(r.groups()).extracting(ListGroupsResponse.Group::groupId).contains(group);
        }
        for (short v : served(broker, ApiKey.DESCRIBE_GROUPS)) {
            DescribeGroupsResponse r = send(coordinator, pin(new DescribeGroupsRequest(List.of(group)), v));
            assertThat(r.groups()).as("DescribeGroups v%d", v).singleElement().satisfies(g -> {
                assertThat(g.errorCode()).isEqualTo(Errors.NONE);
                assertThat(g.groupId()).isEqualTo(group);
                assertThat(g.groupState()).isEqualTo("Empty");
            });
        }
    }

    /**
     * What BrokerConnection's ApiVersions fallback relies on: a broker answers a version it does not know with
     * UNSUPPORTED_VERSION in a v0 body (response header v0) that lists its own ApiVersions range.
     */
    @Test
    void aBrokerAnswersAnApiVersionsVersionItDoesNotKnowInV0(KafkaTestCluster kafka) throws Exception {
        BrokerAddress address = BrokerAddress.parseList("seeds", kafka.bootstrapServers()).get(0);
        short tooNew = 99;
        try (java.net.Socket socket = new java.net.Socket(address.host(), address.port())) {
            socket.setSoTimeout(10_000);
            ProtocolWriter w = new ProtocolWriter(64);
            int sizeAt = w.skip(4);
            w.int16(ApiKey.API_VERSIONS.id()).int16(tooNew).int32(7).nullableString("smoke").emptyTaggedFields();
            ApiVersionsRequest.INSTANCE.write(w, ApiKey.API_VERSIONS.maxVersion()); // the broker does not read it
            w.setInt32(sizeAt, w.position() - 4);
            socket.getOutputStream().write(w.array(), 0, w.position());

            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            ByteBuffer body = ByteBuffer.wrap(frame);
            assertThat(body.getInt()).as("correlation id").isEqualTo(7);
            ApiVersionsResponse r = ApiVersionsRequest.INSTANCE.readResponse(new ProtocolReader(body), tooNew);
            assertThat(r.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION);
            assertThat(r.maxVersions()[ApiKey.API_VERSIONS.id()]).isGreaterThanOrEqualTo((short) 3);
        }
    }

    private static final List<ApiKey> GROUP_APIS = List.of(ApiKey.JOIN_GROUP, ApiKey.SYNC_GROUP, ApiKey.HEARTBEAT,
            ApiKey.LEAVE_GROUP, ApiKey.OFFSET_COMMIT, ApiKey.OFFSET_FETCH, ApiKey.FIND_COORDINATOR);

    /** Picks a version for each API, or null for the negotiated one. */
    @FunctionalInterface
    private interface VersionChoice {
        short of(ApiKey api);
    }

    /**
     * FindCoordinator, JoinGroup (again with the member id from MEMBER_ID_REQUIRED at v4+), SyncGroup as leader,
     * Heartbeat, OffsetCommit, OffsetFetch, LeaveGroup: one member, protocol type {@code consumer}.
     */
    private void groupCycle(BrokerConnection conn, String group, String topic, VersionChoice choice)
            throws Exception {
        FindCoordinatorResponse.Coordinator c = findCoordinator(conn, pinned(FindCoordinatorRequest.group(group),
                choice)).coordinators().get(0);
        assertThat(c.key()).isEqualTo(group);
        BrokerConnection coordinator = connection(c.nodeId(), new BrokerAddress(c.host(), c.port()));

        byte[] subscription = array(ConsumerProtocol.serializeSubscription(
                new ConsumerPartitionAssignor.Subscription(List.of(topic))));
        String memberId = "";
        JoinGroupResponse joined = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            joined = send(coordinator, pinned(new JoinGroupRequest(group, SESSION_TIMEOUT_MS, SESSION_TIMEOUT_MS,
                    memberId, null, "consumer", List.of(new JoinGroupRequest.Protocol("range", subscription)),
                    "smoke test"), choice));
            if (joined.errorCode() != Errors.MEMBER_ID_REQUIRED) {
                break;
            }
            memberId = joined.memberId(); // KIP-394: v4+ hands out the id on a first join without one
        }
        JoinGroupResponse join = joined;
        String where = group + " (" + describe(choice) + ")";
        assertThat(join.errorCode()).as("JoinGroup %s: %s", where, Errors.name(join.errorCode()))
                .isEqualTo(Errors.NONE);
        assertThat(join.isLeader()).isTrue();
        assertThat(join.protocolName()).isEqualTo("range");
        assertThat(join.members()).singleElement().satisfies(m -> {
            assertThat(m.memberId()).isEqualTo(join.memberId());
            assertThat(m.metadata()).isEqualTo(subscription);
        });
        memberId = join.memberId();
        int generation = join.generationId();

        byte[] assignment = array(ConsumerProtocol.serializeAssignment(
                new ConsumerPartitionAssignor.Assignment(List.of(new TopicPartition(topic, 0)))));
        SyncGroupResponse sync = send(coordinator, pinned(new SyncGroupRequest(group, generation, memberId, null,
                "consumer", "range", List.of(new SyncGroupRequest.Assignment(memberId, assignment))), choice));
        assertThat(sync.errorCode()).as("SyncGroup %s: %s", where, Errors.name(sync.errorCode()))
                .isEqualTo(Errors.NONE);
        assertThat(sync.assignment()).isEqualTo(assignment);

        short heartbeat = send(coordinator, pinned(new HeartbeatRequest(group, generation, memberId, null), choice))
                .errorCode();
        assertThat(heartbeat).as("Heartbeat %s: %s", where, Errors.name(heartbeat)).isEqualTo(Errors.NONE);

        OffsetCommitResponse commit = send(coordinator, pinned(new OffsetCommitRequest(group, generation, memberId,
                null, List.of(new OffsetCommitRequest.Topic(topic, List.of(
                        new OffsetCommitRequest.Partition(0, 42L, -1, "smoke"))))), choice));
        assertThat(commit.partitions()).as("OffsetCommit %s", where).singleElement()
                .satisfies(p -> assertThat(p.errorCode()).as(Errors.name(p.errorCode())).isEqualTo(Errors.NONE));

        OffsetFetchResponse fetched = send(coordinator, pinned(OffsetFetchRequest.of(group,
                List.of(new OffsetFetchRequest.Topic(topic, new int[] {0}))), choice));
        assertThat(fetched.groups()).as("OffsetFetch %s", where).singleElement().satisfies(g -> {
            assertThat(g.errorCode()).isEqualTo(Errors.NONE);
            assertThat(g.partitions()).singleElement().satisfies(p -> {
                assertThat(p.errorCode()).isEqualTo(Errors.NONE);
                assertThat(p.committedOffset()).isEqualTo(42L);
                assertThat(p.metadata()).isEqualTo("smoke");
            });
        });

        LeaveGroupResponse leave = send(coordinator, pinned(LeaveGroupRequest.of(group, memberId, "smoke test done"),
                choice));
        assertThat(leave.errorCode()).as("LeaveGroup %s: %s", where, Errors.name(leave.errorCode()))
                .isEqualTo(Errors.NONE);
        assertThat(leave.members()).allSatisfy(m -> assertThat(m.errorCode()).isEqualTo(Errors.NONE));
        coordinator.close();
    }

    /** Produces one batch and fetches the partition from its start, checking the batch comes back. */
    private void produceAndFetch(BrokerConnection conn, String topic, VersionChoice choice) throws Exception {
        byte[] value = ("v-" + describe(choice)).getBytes();
        MemoryRecords batch = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(System.currentTimeMillis(), "k".getBytes(), value));
        byte[] bytes = array(batch.buffer());
        ProduceResponse produced = send(conn, pinned(new ProduceRequest((short) -1, 10_000, List.of(
                new ProduceRequest.TopicData(topic, List.of(new ProduceRequest.PartitionData(0,
                        (w, v) -> w.bytes(bytes, 0, bytes.length)))))), choice));
        ProduceResponse.PartitionResult result = produced.partitions().get(0);
        assertThat(result.errorCode()).as("Produce (%s): %s", describe(choice), Errors.name(result.errorCode()))
                .isEqualTo(Errors.NONE);

        FetchResponse fetched = send(conn, pinned(new FetchRequest(100, 1, 1 << 20, List.of(new FetchRequest.Topic(
                topic, List.of(new FetchRequest.Partition(0, result.baseOffset(), 1 << 20))))), choice));
        assertThat(fetched.partitions()).as("Fetch (%s)", describe(choice)).singleElement().satisfies(p -> {
            assertThat(p.errorCode()).isEqualTo(Errors.NONE);
            assertThat(p.highWatermark()).isEqualTo(result.baseOffset() + 1);
            List<byte[]> values = new ArrayList<>();
            MemoryRecords.readableRecords(p.records().duplicate()).records()
                    .forEach(r -> values.add(array(r.value())));
            assertThat(values).containsExactly(value);
        });
    }

    private FindCoordinatorResponse findCoordinator(BrokerConnection conn, Request<FindCoordinatorResponse> request)
            throws Exception {
        // The first lookup of a group may find the offsets topic still being created: retry a while.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            FindCoordinatorResponse r = send(conn, request);
            short code = r.coordinators().get(0).errorCode();
            if (code == Errors.NONE || !Errors.isRetriable(code) || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(100);
        }
    }

    private InitProducerIdResponse initProducerId(BrokerConnection conn, Request<InitProducerIdResponse> request)
            throws Exception {
        // A fresh broker answers COORDINATOR_LOAD_IN_PROGRESS until its producer id manager is ready: retry a while.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            InitProducerIdResponse r = send(conn, request);
            if (r.errorCode() == Errors.NONE || !Errors.isRetriable(r.errorCode()) || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(100);
        }
    }

    private static <R> R send(BrokerConnection conn, Request<R> request)
            throws InterruptedException, ExecutionException, TimeoutException {
        return conn.send(request).get(30, TimeUnit.SECONDS);
    }

    private static short clamp(ApiVersionsResponse broker, ApiKey api, int version) {
        short lo = (short) Math.max(api.minVersion(), broker.minVersions()[api.id()]);
        short hi = (short) Math.min(api.maxVersion(), broker.maxVersions()[api.id()]);
        return (short) Math.max(lo, Math.min(hi, version));
    }

    private static List<Short> served(ApiVersionsResponse broker, ApiKey api) {
        List<Short> out = new ArrayList<>();
        for (int v = clamp(broker, api, 0); v <= clamp(broker, api, Short.MAX_VALUE); v++) {
            out.add((short) v);
        }
        return out;
    }

    private static <R> Request<R> pinned(Request<R> request, VersionChoice choice) {
        return choice == null ? request : pin(request, choice.of(request.apiKey()));
    }

    private static String describe(VersionChoice choice) {
        if (choice == null) {
            return "negotiated";
        }
        StringBuilder sb = new StringBuilder();
        for (ApiKey api : List.of(ApiKey.JOIN_GROUP, ApiKey.PRODUCE, ApiKey.FETCH)) {
            sb.append(api).append(" v").append(choice.of(api)).append(' ');
        }
        return sb.toString().trim();
    }

    /** @return {@code request} sent at exactly {@code version} */
    static <R> Request<R> pin(Request<R> request, short version) {
        return new Request<>() {
            @Override
            public ApiKey apiKey() {
                return request.apiKey();
            }

            @Override
            public void write(ProtocolWriter writer, short v) {
                request.write(writer, v);
            }

            @Override
            public R readResponse(ProtocolReader reader, short v) {
                return request.readResponse(reader, v);
            }

            @Override
            public boolean expectsResponse() {
                return request.expectsResponse();
            }

            @Override
            public short minVersion() {
                return version;
            }

            @Override
            public short maxVersion() {
                return version;
            }
        };
    }

    private static byte[] array(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
