package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.Errors;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.hpkafka.internal.protocol.message.Oracle.bytes;
import static io.hpkafka.internal.protocol.message.Oracle.kafkaBytes;
import static io.hpkafka.internal.protocol.message.Oracle.kafkaRead;
import static io.hpkafka.internal.protocol.message.Oracle.ourBytes;
import static io.hpkafka.internal.protocol.message.Oracle.ourRead;
import static io.hpkafka.internal.protocol.message.Oracle.withUnknownTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed requests and responses of every table-driven API at every version this client implements, against
 * kafka-clients' generated messages: what a typed request holds is what kafka-clients reads from our bytes, and what
 * kafka-clients writes (with tags no version defines added in flexible versions) is what our typed response holds.
 * {@link TableRoundTripTest} checks the tables byte for byte; this checks the typed layer on top.
 */
class ControlPlaneOracleTest {

    private static final byte[] META = {0, 1, 2, 3, 4, 5};

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> apiVersionsVersions() {
        return Oracle.versions(ApiKey.API_VERSIONS);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("apiVersionsVersions")
    void apiVersionsRequest(short v) {
        ApiVersionsRequestData k = kafkaRead(ApiVersionsRequestData.class,
                ourBytes(new ApiVersionsRequest("hpkafka", "1.2.3-SNAPSHOT"), v), v);
        assertThat(k.clientSoftwareName()).isEqualTo(v >= 3 ? "hpkafka" : "");
        assertThat(k.clientSoftwareVersion()).isEqualTo(v >= 3 ? "1.2.3-SNAPSHOT" : "");
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("apiVersionsVersions")
    void apiVersionsResponse(short v) {
        ApiVersionsResponseData k = new ApiVersionsResponseData().setErrorCode((short) 0);
        k.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 0).setMinVersion((short) 3)
                .setMaxVersion((short) 13));
        k.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 11).setMinVersion((short) 0)
                .setMaxVersion((short) 9));
        k.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 500).setMinVersion((short) 0)
                .setMaxVersion((short) 1)); // beyond what we index: ignored
        if (v >= 1) {
            k.setThrottleTimeMs(12);
        }
        if (v >= 3) {
            k.supportedFeatures().add(new ApiVersionsResponseData.SupportedFeatureKey()
                    .setName("transaction.version").setMinVersion((short) 0).setMaxVersion((short) 2));
            k.setFinalizedFeaturesEpoch(42L);
            k.finalizedFeatures().add(new ApiVersionsResponseData.FinalizedFeatureKey()
                    .setName("transaction.version").setMinVersionLevel((short) 0).setMaxVersionLevel((short) 2));
            k.setZkMigrationReady(true); // tag 3: not in our table, must be skipped
        }
        ApiVersionsResponse r = ourRead(ApiVersionsRequest.INSTANCE,
                kafkaBytes(withUnknownTags(k, v, ApiKey.API_VERSIONS), v), v);
        assertThat(r.errorCode()).isZero();
        assertThat(r.minVersions()[0]).isEqualTo((short) 3);
        assertThat(r.maxVersions()[0]).isEqualTo((short) 13);
        assertThat(r.maxVersions()[1]).isEqualTo((short) -1);
        assertThat(r.negotiate(ApiKey.PRODUCE)).isEqualTo(ApiKey.PRODUCE.maxVersion());
        assertThat(r.negotiate(ApiKey.JOIN_GROUP)).isEqualTo((short) 9);
        assertThat(r.negotiate(ApiKey.JOIN_GROUP, (short) 0, (short) 5)).isEqualTo((short) 5);
        assertThat(r.negotiate(ApiKey.FETCH)).isEqualTo((short) -1);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 1 ? 12 : 0);
        if (v >= 3) {
            assertThat(r.supportedFeatures()).containsExactly(
                    new ApiVersionsResponse.Feature("transaction.version", (short) 0, (short) 2));
            assertThat(r.finalizedFeaturesEpoch()).isEqualTo(42L);
            assertThat(r.finalizedLevel("transaction.version")).isEqualTo((short) 2);
        } else {
            assertThat(r.supportedFeatures()).isEmpty();
            assertThat(r.finalizedFeaturesEpoch()).isEqualTo(-1L);
        }
    }

    @ParameterizedTest(name = "sent v{0}")
    @MethodSource("apiVersionsVersions")
    void apiVersionsABrokerThatDoesNotKnowTheVersionAnswersInV0(short v) {
        ApiVersionsResponseData k = new ApiVersionsResponseData().setErrorCode(Errors.UNSUPPORTED_VERSION);
        k.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 18).setMinVersion((short) 0)
                .setMaxVersion((short) 2));
        ApiVersionsResponse r = ourRead(ApiVersionsRequest.INSTANCE, kafkaBytes(k, (short) 0), v);
        assertThat(r.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION);
        assertThat(r.maxVersions()[18]).isEqualTo((short) 2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> metadataVersions() {
        return Oracle.versions(ApiKey.METADATA);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("metadataVersions")
    void metadataRequest(short v) {
        MetadataRequestData k = kafkaRead(MetadataRequestData.class,
                ourBytes(new MetadataRequest(List.of("orders", "é-topic"), true), v), v);
        assertThat(k.topics()).extracting(MetadataRequestData.MetadataRequestTopic::name)
                .containsExactly("orders", "é-topic");
        assertThat(k.allowAutoTopicCreation()).isTrue();

        MetadataRequestData all = kafkaRead(MetadataRequestData.class,
                ourBytes(new MetadataRequest(null, false), v), v);
        assertThat(all.topics()).isNull();
        assertThat(all.allowAutoTopicCreation()).isFalse();
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("metadataVersions")
    void metadataResponse(short v) {
        MetadataResponseData k = new MetadataResponseData().setThrottleTimeMs(3).setClusterId("cluster-1")
                .setControllerId(2);
        k.brokers().add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("h1").setPort(9092)
                .setRack("rack-a"));
        k.brokers().add(new MetadataResponseData.MetadataResponseBroker().setNodeId(2).setHost("h2").setPort(9093)
                .setRack(null));
        Uuid id = Uuid.randomUuid();
        MetadataResponseData.MetadataResponseTopic t = new MetadataResponseData.MetadataResponseTopic()
                .setErrorCode((short) 0).setName("orders").setIsInternal(false);
        if (v >= 10) {
            t.setTopicId(id);
        }
        MetadataResponseData.MetadataResponsePartition p = new MetadataResponseData.MetadataResponsePartition()
                .setErrorCode((short) 0).setPartitionIndex(1).setLeaderId(2).setReplicaNodes(List.of(2, 1))
                .setIsrNodes(List.of(2));
        if (v >= 7) {
            p.setLeaderEpoch(17);
        }
        if (v >= 5) {
            p.setOfflineReplicas(List.of(1));
        }
        t.partitions().add(p);
        k.topics().add(t);
        k.topics().add(new MetadataResponseData.MetadataResponseTopic().setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION)
                .setName("missing").setIsInternal(true));

        MetadataResponse r = ourRead(new MetadataRequest(null, true),
                kafkaBytes(withUnknownTags(k, v, ApiKey.METADATA), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(3);
        assertThat(r.clusterId()).isEqualTo("cluster-1");
        assertThat(r.controllerId()).isEqualTo(2);
        assertThat(r.brokers()).containsExactly(new MetadataResponse.Broker(1, "h1", 9092, "rack-a"),
                new MetadataResponse.Broker(2, "h2", 9093, null));
        assertThat(r.topics()).hasSize(2);
        MetadataResponse.Topic orders = r.topics().get(0);
        assertThat(orders.name()).isEqualTo("orders");
        assertThat(orders.topicId()).isEqualTo(v >= 10 ? new UUID(id.getMostSignificantBits(),
                id.getLeastSignificantBits()) : new UUID(0, 0));
        MetadataResponse.Partition rp = orders.partitions().get(0);
        assertThat(rp.partition()).isEqualTo(1);
        assertThat(rp.leaderId()).isEqualTo(2);
        assertThat(rp.leaderEpoch()).isEqualTo(v >= 7 ? 17 : -1);
        assertThat(rp.replicas()).containsExactly(2, 1);
        assertThat(rp.isr()).containsExactly(2);
        assertThat(rp.offlineReplicas()).containsExactly(v >= 5 ? new int[] {1} : new int[0]);
        assertThat(r.topics().get(1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(r.topics().get(1).internal()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> listOffsetsVersions() {
        return Oracle.versions(ApiKey.LIST_OFFSETS);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("listOffsetsVersions")
    void listOffsetsRequest(short v) {
        byte isolation = v >= 2 ? ListOffsetsRequest.READ_COMMITTED : ListOffsetsRequest.READ_UNCOMMITTED;
        ListOffsetsRequest ours = new ListOffsetsRequest(isolation, List.of(
                new ListOffsetsRequest.Topic("a", List.of(new ListOffsetsRequest.Partition(0, 5,
                        ListOffsetsRequest.EARLIEST), new ListOffsetsRequest.Partition(3, -1, 1_700_000_000_000L))),
                new ListOffsetsRequest.Topic("b", List.of(new ListOffsetsRequest.Partition(1, -1,
                        ListOffsetsRequest.LATEST)))));
        ListOffsetsRequestData k = kafkaRead(ListOffsetsRequestData.class, ourBytes(ours, v), v);
        assertThat(k.replicaId()).isEqualTo(-1);
        assertThat(k.isolationLevel()).isEqualTo(isolation);
        assertThat(k.topics()).extracting(ListOffsetsRequestData.ListOffsetsTopic::name).containsExactly("a", "b");
        ListOffsetsRequestData.ListOffsetsPartition p0 = k.topics().get(0).partitions().get(0);
        assertThat(p0.partitionIndex()).isZero();
        assertThat(p0.timestamp()).isEqualTo(ListOffsetsRequest.EARLIEST);
        assertThat(p0.currentLeaderEpoch()).isEqualTo(v >= 4 ? 5 : -1);
        assertThat(k.topics().get(0).partitions().get(1).timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(k.topics().get(1).partitions().get(0).partitionIndex()).isEqualTo(1);
    }

    @Test
    void listOffsetsSpecialTimestampsAskForTheVersionThatKnowsThem() {
        assertThat(new ListOffsetsRequest("t", 0, ListOffsetsRequest.LATEST).minVersion()).isEqualTo((short) 1);
        assertThat(new ListOffsetsRequest("t", 0, ListOffsetsRequest.MAX_TIMESTAMP).minVersion())
                .isEqualTo((short) 7);
        assertThat(new ListOffsetsRequest("t", 0, ListOffsetsRequest.EARLIEST_LOCAL).minVersion())
                .isEqualTo((short) 8);
        assertThat(new ListOffsetsRequest("t", 0, ListOffsetsRequest.LATEST_TIERED).minVersion())
                .isEqualTo((short) 9);
    }

    @Test
    void listOffsetsReadCommittedCannotBeSentAtV1() {
        ListOffsetsRequest r = new ListOffsetsRequest(ListOffsetsRequest.READ_COMMITTED,
                List.of(new ListOffsetsRequest.Topic("t", List.of(new ListOffsetsRequest.Partition(0, -1, -1)))));
        assertThatThrownBy(() -> ourBytes(r, (short) 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IsolationLevel");
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("listOffsetsVersions")
    void listOffsetsResponse(short v) {
        ListOffsetsResponseData k = new ListOffsetsResponseData();
        if (v >= 2) {
            k.setThrottleTimeMs(9);
        }
        ListOffsetsResponseData.ListOffsetsPartitionResponse p =
                new ListOffsetsResponseData.ListOffsetsPartitionResponse().setPartitionIndex(2)
                        .setErrorCode((short) 0).setTimestamp(1234L).setOffset(5678L);
        if (v >= 4) {
            p.setLeaderEpoch(3);
        }
        k.topics().add(new ListOffsetsResponseData.ListOffsetsTopicResponse().setName("a")
                .setPartitions(List.of(p, new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                        .setPartitionIndex(3).setErrorCode(Errors.NOT_LEADER_OR_FOLLOWER))));
        ListOffsetsResponse r = ourRead(new ListOffsetsRequest("a", 2, -1),
                kafkaBytes(withUnknownTags(k, v, ApiKey.LIST_OFFSETS), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 2 ? 9 : 0);
        assertThat(r.partitions()).containsExactly(
                new ListOffsetsResponse.PartitionOffset("a", 2, (short) 0, 1234L, 5678L, v >= 4 ? 3 : -1),
                new ListOffsetsResponse.PartitionOffset("a", 3, Errors.NOT_LEADER_OR_FOLLOWER, -1L, -1L, -1));
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> findCoordinatorVersions() {
        return Oracle.versions(ApiKey.FIND_COORDINATOR);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("findCoordinatorVersions")
    void findCoordinatorRequest(short v) {
        FindCoordinatorRequestData single = kafkaRead(FindCoordinatorRequestData.class,
                ourBytes(FindCoordinatorRequest.group("my-group"), v), v);
        if (v >= 4) {
            assertThat(single.coordinatorKeys()).containsExactly("my-group");
            FindCoordinatorRequestData batch = kafkaRead(FindCoordinatorRequestData.class, ourBytes(
                    new FindCoordinatorRequest(FindCoordinatorRequest.TRANSACTION, List.of("t1", "t2")), v), v);
            assertThat(batch.coordinatorKeys()).containsExactly("t1", "t2");
            assertThat(batch.keyType()).isEqualTo(FindCoordinatorRequest.TRANSACTION);
        } else {
            assertThat(single.key()).isEqualTo("my-group");
            assertThatThrownBy(() -> ourBytes(new FindCoordinatorRequest(FindCoordinatorRequest.GROUP,
                    List.of("a", "b")), v)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(single.keyType()).isEqualTo(FindCoordinatorRequest.GROUP);
    }

    @Test
    void findCoordinatorBatchedAndTransactionalLookupsAskForTheVersionsThatKnowThem() {
        assertThat(FindCoordinatorRequest.group("g").minVersion()).isZero();
        assertThat(new FindCoordinatorRequest(FindCoordinatorRequest.TRANSACTION, List.of("t")).minVersion())
                .isEqualTo((short) 1);
        assertThat(new FindCoordinatorRequest(FindCoordinatorRequest.GROUP, List.of("a", "b")).minVersion())
                .isEqualTo((short) 4);
        assertThat(new FindCoordinatorRequest(FindCoordinatorRequest.SHARE, List.of("g:t:0")).minVersion())
                .isEqualTo((short) 6);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("findCoordinatorVersions")
    void findCoordinatorResponse(short v) {
        FindCoordinatorResponseData k = new FindCoordinatorResponseData();
        if (v >= 1) {
            k.setThrottleTimeMs(4);
        }
        if (v >= 4) {
            k.coordinators().add(new FindCoordinatorResponseData.Coordinator().setKey("g1").setNodeId(3)
                    .setHost("h3").setPort(9094).setErrorCode((short) 0).setErrorMessage(null));
            k.coordinators().add(new FindCoordinatorResponseData.Coordinator().setKey("g2").setNodeId(-1)
                    .setHost("").setPort(-1).setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE)
                    .setErrorMessage("loading"));
        } else {
            k.setErrorCode((short) 0).setNodeId(3).setHost("h3").setPort(9094);
            if (v >= 1) {
                k.setErrorMessage("fine");
            }
        }
        FindCoordinatorRequest request = new FindCoordinatorRequest(FindCoordinatorRequest.GROUP,
                v >= 4 ? List.of("g1", "g2") : List.of("g1"));
        FindCoordinatorResponse r = ourRead(request,
                kafkaBytes(withUnknownTags(k, v, ApiKey.FIND_COORDINATOR), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 1 ? 4 : 0);
        if (v >= 4) {
            assertThat(r.coordinators()).containsExactly(
                    new FindCoordinatorResponse.Coordinator("g1", 3, "h3", 9094, (short) 0, null),
                    new FindCoordinatorResponse.Coordinator("g2", -1, "", -1, Errors.COORDINATOR_NOT_AVAILABLE,
                            "loading"));
        } else {
            assertThat(r.coordinators()).containsExactly(new FindCoordinatorResponse.Coordinator("g1", 3, "h3",
                    9094, (short) 0, v >= 1 ? "fine" : ""));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> joinGroupVersions() {
        return Oracle.versions(ApiKey.JOIN_GROUP);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("joinGroupVersions")
    void joinGroupRequest(short v) {
        JoinGroupRequest ours = new JoinGroupRequest("g", 45_000, 300_000, "m-1", v >= 5 ? "instance-1" : null,
                "consumer", List.of(new JoinGroupRequest.Protocol("range", META),
                new JoinGroupRequest.Protocol("cooperative-sticky", new byte[0])), "rejoining");
        JoinGroupRequestData k = kafkaRead(JoinGroupRequestData.class, ourBytes(ours, v), v);
        assertThat(k.groupId()).isEqualTo("g");
        assertThat(k.sessionTimeoutMs()).isEqualTo(45_000);
        assertThat(k.rebalanceTimeoutMs()).isEqualTo(v >= 1 ? 300_000 : -1);
        assertThat(k.memberId()).isEqualTo("m-1");
        assertThat(k.groupInstanceId()).isEqualTo(v >= 5 ? "instance-1" : null);
        assertThat(k.protocolType()).isEqualTo("consumer");
        assertThat(k.protocols()).extracting(JoinGroupRequestData.JoinGroupRequestProtocol::name)
                .containsExactly("range", "cooperative-sticky");
        assertThat(k.protocols().find("range").metadata()).isEqualTo(META);
        assertThat(k.reason()).isEqualTo(v >= 8 ? "rejoining" : null);
    }

    @Test
    void joinGroupAStaticMemberNeedsV5() {
        JoinGroupRequest r = new JoinGroupRequest("g", 1, 1, "", "i", "consumer", List.of(), null);
        assertThat(r.minVersion()).isEqualTo((short) 5);
        assertThatThrownBy(() -> ourBytes(r, (short) 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GroupInstanceId");
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("joinGroupVersions")
    void joinGroupResponse(short v) {
        JoinGroupResponseData k = new JoinGroupResponseData().setErrorCode((short) 0).setGenerationId(7)
                .setProtocolName("range").setLeader("m-1").setMemberId("m-1");
        if (v >= 2) {
            k.setThrottleTimeMs(5);
        }
        if (v >= 7) {
            k.setProtocolType("consumer");
        }
        if (v >= 9) {
            k.setSkipAssignment(true);
        }
        k.members().add(new JoinGroupResponseData.JoinGroupResponseMember().setMemberId("m-1")
                .setGroupInstanceId(v >= 5 ? "i-1" : null).setMetadata(META));
        k.members().add(new JoinGroupResponseData.JoinGroupResponseMember().setMemberId("m-2")
                .setMetadata(new byte[0]));
        JoinGroupResponse r = ourRead(joinGroupSampleJoin(), kafkaBytes(withUnknownTags(k, v, ApiKey.JOIN_GROUP), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 2 ? 5 : 0);
        assertThat(r.errorCode()).isZero();
        assertThat(r.generationId()).isEqualTo(7);
        assertThat(r.protocolType()).isEqualTo(v >= 7 ? "consumer" : null);
        assertThat(r.protocolName()).isEqualTo("range");
        assertThat(r.leader()).isEqualTo("m-1");
        assertThat(r.isLeader()).isTrue();
        assertThat(r.skipAssignment()).isEqualTo(v >= 9);
        assertThat(r.members()).hasSize(2);
        assertThat(r.members().get(0).memberId()).isEqualTo("m-1");
        assertThat(r.members().get(0).groupInstanceId()).isEqualTo(v >= 5 ? "i-1" : null);
        assertThat(r.members().get(0).metadata()).isEqualTo(META);
        assertThat(r.members().get(1).metadata()).isEmpty();
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("joinGroupVersions")
    void joinGroupMemberIdRequired(short v) {
        JoinGroupResponseData k = new JoinGroupResponseData().setErrorCode(Errors.MEMBER_ID_REQUIRED)
                .setMemberId("consumer-1-abc").setProtocolName(v >= 7 ? null : "");
        JoinGroupResponse r = ourRead(joinGroupSampleJoin(), kafkaBytes(k, v), v);
        assertThat(r.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        assertThat(r.memberId()).isEqualTo("consumer-1-abc");
        assertThat(r.generationId()).isEqualTo(-1);
        assertThat(r.protocolName()).isEqualTo(v >= 7 ? null : "");
    }

    private JoinGroupRequest joinGroupSampleJoin() {
        return new JoinGroupRequest("g", 1, 1, "", null, "consumer", List.of(), null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> syncGroupVersions() {
        return Oracle.versions(ApiKey.SYNC_GROUP);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("syncGroupVersions")
    void syncGroupRequest(short v) {
        SyncGroupRequest ours = new SyncGroupRequest("g", 7, "m-1", v >= 3 ? "i-1" : null, "consumer", "range",
                List.of(new SyncGroupRequest.Assignment("m-1", META),
                        new SyncGroupRequest.Assignment("m-2", new byte[0])));
        SyncGroupRequestData k = kafkaRead(SyncGroupRequestData.class, ourBytes(ours, v), v);
        assertThat(k.groupId()).isEqualTo("g");
        assertThat(k.generationId()).isEqualTo(7);
        assertThat(k.memberId()).isEqualTo("m-1");
        assertThat(k.groupInstanceId()).isEqualTo(v >= 3 ? "i-1" : null);
        assertThat(k.protocolType()).isEqualTo(v >= 5 ? "consumer" : null);
        assertThat(k.protocolName()).isEqualTo(v >= 5 ? "range" : null);
        assertThat(k.assignments()).extracting(SyncGroupRequestData.SyncGroupRequestAssignment::memberId)
                .containsExactly("m-1", "m-2");
        assertThat(k.assignments().get(0).assignment()).isEqualTo(META);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("syncGroupVersions")
    void syncGroupResponse(short v) {
        SyncGroupResponseData k = new SyncGroupResponseData().setErrorCode((short) 0).setAssignment(META);
        if (v >= 1) {
            k.setThrottleTimeMs(6);
        }
        if (v >= 5) {
            k.setProtocolType("consumer").setProtocolName("range");
        }
        SyncGroupResponse r = ourRead(new SyncGroupRequest("g", 1, "m", null, null, null, List.of()),
                kafkaBytes(withUnknownTags(k, v, ApiKey.SYNC_GROUP), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 1 ? 6 : 0);
        assertThat(r.errorCode()).isZero();
        assertThat(r.protocolType()).isEqualTo(v >= 5 ? "consumer" : null);
        assertThat(r.protocolName()).isEqualTo(v >= 5 ? "range" : null);
        assertThat(r.assignment()).isEqualTo(META);
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> heartbeatVersions() {
        return Oracle.versions(ApiKey.HEARTBEAT);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("heartbeatVersions")
    void heartbeatRequest(short v) {
        HeartbeatRequestData k = kafkaRead(HeartbeatRequestData.class,
                ourBytes(new HeartbeatRequest("g", 7, "m-1", v >= 3 ? "i-1" : null), v), v);
        assertThat(k.groupId()).isEqualTo("g");
        assertThat(k.generationId()).isEqualTo(7);
        assertThat(k.memberId()).isEqualTo("m-1");
        assertThat(k.groupInstanceId()).isEqualTo(v >= 3 ? "i-1" : null);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("heartbeatVersions")
    void heartbeatResponse(short v) {
        HeartbeatResponseData k = new HeartbeatResponseData().setErrorCode(Errors.REBALANCE_IN_PROGRESS);
        if (v >= 1) {
            k.setThrottleTimeMs(8);
        }
        HeartbeatResponse r = ourRead(new HeartbeatRequest("g", 1, "m", null),
                kafkaBytes(withUnknownTags(k, v, ApiKey.HEARTBEAT), v), v);
        assertThat(r).isEqualTo(new HeartbeatResponse(v >= 1 ? 8 : 0, Errors.REBALANCE_IN_PROGRESS));
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> leaveGroupVersions() {
        return Oracle.versions(ApiKey.LEAVE_GROUP);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("leaveGroupVersions")
    void leaveGroupRequest(short v) {
        LeaveGroupRequestData one = kafkaRead(LeaveGroupRequestData.class,
                ourBytes(LeaveGroupRequest.of("g", "m-1", "shutting down"), v), v);
        assertThat(one.groupId()).isEqualTo("g");
        if (v < 3) {
            assertThat(one.memberId()).isEqualTo("m-1");
            assertThatThrownBy(() -> ourBytes(new LeaveGroupRequest("g", List.of(
                    new LeaveGroupRequest.Member("a", null, null), new LeaveGroupRequest.Member("b", null, null))),
                    v)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(one.members()).hasSize(1);
        assertThat(one.members().get(0).memberId()).isEqualTo("m-1");
        assertThat(one.members().get(0).reason()).isEqualTo(v >= 5 ? "shutting down" : null);
        LeaveGroupRequestData batch = kafkaRead(LeaveGroupRequestData.class, ourBytes(new LeaveGroupRequest("g",
                List.of(new LeaveGroupRequest.Member("m-1", null, null),
                        new LeaveGroupRequest.Member("", "i-2", "scale down"))), v), v);
        assertThat(batch.members()).extracting(LeaveGroupRequestData.MemberIdentity::memberId)
                .containsExactly("m-1", "");
        assertThat(batch.members().get(1).groupInstanceId()).isEqualTo("i-2");
    }

    @Test
    void leaveGroupSeveralOrStaticMembersNeedV3() {
        assertThat(LeaveGroupRequest.of("g", "m", null).minVersion()).isZero();
        assertThat(new LeaveGroupRequest("g", List.of(new LeaveGroupRequest.Member("", "i", null))).minVersion())
                .isEqualTo((short) 3);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("leaveGroupVersions")
    void leaveGroupResponse(short v) {
        LeaveGroupResponseData k = new LeaveGroupResponseData().setErrorCode((short) 0);
        if (v >= 1) {
            k.setThrottleTimeMs(2);
        }
        if (v >= 3) {
            k.members().add(new LeaveGroupResponseData.MemberResponse().setMemberId("m-1")
                    .setGroupInstanceId(null).setErrorCode((short) 0));
            k.members().add(new LeaveGroupResponseData.MemberResponse().setMemberId("")
                    .setGroupInstanceId("i-2").setErrorCode(Errors.UNKNOWN_MEMBER_ID));
        }
        LeaveGroupResponse r = ourRead(LeaveGroupRequest.of("g", "m", null),
                kafkaBytes(withUnknownTags(k, v, ApiKey.LEAVE_GROUP), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 1 ? 2 : 0);
        assertThat(r.errorCode()).isZero();
        if (v >= 3) {
            assertThat(r.members()).containsExactly(
                    new LeaveGroupResponse.MemberResult("m-1", null, (short) 0),
                    new LeaveGroupResponse.MemberResult("", "i-2", Errors.UNKNOWN_MEMBER_ID));
        } else {
            assertThat(r.members()).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> offsetCommitVersions() {
        return Oracle.versions(ApiKey.OFFSET_COMMIT);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("offsetCommitVersions")
    void offsetCommitRequest(short v) {
        OffsetCommitRequest ours = new OffsetCommitRequest("g", 7, "m-1", v >= 7 ? "i-1" : null, List.of(
                new OffsetCommitRequest.Topic("a", List.of(new OffsetCommitRequest.Partition(0, 100L, 4, "meta"),
                        new OffsetCommitRequest.Partition(1, 0L, -1, null))),
                new OffsetCommitRequest.Topic("b", List.of(new OffsetCommitRequest.Partition(5, 9L, -1, "")))));
        OffsetCommitRequestData k = kafkaRead(OffsetCommitRequestData.class, ourBytes(ours, v), v);
        assertThat(k.groupId()).isEqualTo("g");
        assertThat(k.generationIdOrMemberEpoch()).isEqualTo(7);
        assertThat(k.memberId()).isEqualTo("m-1");
        assertThat(k.groupInstanceId()).isEqualTo(v >= 7 ? "i-1" : null);
        assertThat(k.retentionTimeMs()).isEqualTo(-1L);
        assertThat(k.topics()).extracting(OffsetCommitRequestData.OffsetCommitRequestTopic::name)
                .containsExactly("a", "b");
        OffsetCommitRequestData.OffsetCommitRequestPartition p = k.topics().get(0).partitions().get(0);
        assertThat(p.partitionIndex()).isZero();
        assertThat(p.committedOffset()).isEqualTo(100L);
        assertThat(p.committedLeaderEpoch()).isEqualTo(v >= 6 ? 4 : -1);
        assertThat(p.committedMetadata()).isEqualTo("meta");
        assertThat(k.topics().get(0).partitions().get(1).committedMetadata()).isNull();
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("offsetCommitVersions")
    void offsetCommitResponse(short v) {
        OffsetCommitResponseData k = new OffsetCommitResponseData();
        if (v >= 3) {
            k.setThrottleTimeMs(1);
        }
        k.topics().add(new OffsetCommitResponseData.OffsetCommitResponseTopic().setName("a").setPartitions(List.of(
                new OffsetCommitResponseData.OffsetCommitResponsePartition().setPartitionIndex(0)
                        .setErrorCode((short) 0),
                new OffsetCommitResponseData.OffsetCommitResponsePartition().setPartitionIndex(1)
                        .setErrorCode(Errors.ILLEGAL_GENERATION))));
        OffsetCommitResponse r = ourRead(new OffsetCommitRequest("g", -1, "", null, List.of()),
                kafkaBytes(withUnknownTags(k, v, ApiKey.OFFSET_COMMIT), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 3 ? 1 : 0);
        assertThat(r.partitions()).containsExactly(new OffsetCommitResponse.PartitionResult("a", 0, (short) 0),
                new OffsetCommitResponse.PartitionResult("a", 1, Errors.ILLEGAL_GENERATION));
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> offsetFetchVersions() {
        return Oracle.versions(ApiKey.OFFSET_FETCH);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("offsetFetchVersions")
    void offsetFetchRequest(short v) {
        List<OffsetFetchRequest.Topic> topics = List.of(new OffsetFetchRequest.Topic("a", new int[] {0, 2}),
                new OffsetFetchRequest.Topic("b", new int[] {1}));
        OffsetFetchRequest one = new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group("g", "m-1", 3,
                topics)), v >= 7);
        OffsetFetchRequestData k = kafkaRead(OffsetFetchRequestData.class, ourBytes(one, v), v);
        assertThat(k.requireStable()).isEqualTo(v >= 7);
        if (v >= 8) {
            assertThat(k.groups()).hasSize(1);
            OffsetFetchRequestData.OffsetFetchRequestGroup g = k.groups().get(0);
            assertThat(g.groupId()).isEqualTo("g");
            assertThat(g.memberId()).isEqualTo(v >= 9 ? "m-1" : null);
            assertThat(g.memberEpoch()).isEqualTo(v >= 9 ? 3 : -1);
            assertThat(g.topics()).extracting(OffsetFetchRequestData.OffsetFetchRequestTopics::name)
                    .containsExactly("a", "b");
            assertThat(g.topics().get(0).partitionIndexes()).containsExactly(0, 2);

            OffsetFetchRequestData several = kafkaRead(OffsetFetchRequestData.class, ourBytes(
                    new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group("g1", null, -1, null),
                            new OffsetFetchRequest.Group("g2", null, -1, topics)), false), v), v);
            assertThat(several.groups()).extracting(OffsetFetchRequestData.OffsetFetchRequestGroup::groupId)
                    .containsExactly("g1", "g2");
            assertThat(several.groups().get(0).topics()).isNull();
        } else {
            assertThat(k.groupId()).isEqualTo("g");
            assertThat(k.topics()).extracting(OffsetFetchRequestData.OffsetFetchRequestTopic::name)
                    .containsExactly("a", "b");
            assertThat(k.topics().get(0).partitionIndexes()).containsExactly(0, 2);
            if (v >= 2) {
                assertThat(kafkaRead(OffsetFetchRequestData.class,
                        ourBytes(OffsetFetchRequest.of("g", null), v), v).topics()).isNull();
            } else {
                assertThatThrownBy(() -> ourBytes(OffsetFetchRequest.of("g", null), v))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void offsetFetchFeaturesAskForTheVersionsThatKnowThem() {
        assertThat(OffsetFetchRequest.of("g", List.of()).minVersion()).isEqualTo((short) 1);
        assertThat(OffsetFetchRequest.of("g", null).minVersion()).isEqualTo((short) 2);
        assertThat(new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group("g", null, -1, List.of())), true)
                .minVersion()).isEqualTo((short) 7);
        assertThat(new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group("a", null, -1, null),
                new OffsetFetchRequest.Group("b", null, -1, null)), false).minVersion()).isEqualTo((short) 8);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("offsetFetchVersions")
    void offsetFetchResponse(short v) {
        OffsetFetchResponseData k = new OffsetFetchResponseData();
        if (v >= 3) {
            k.setThrottleTimeMs(11);
        }
        if (v >= 8) {
            k.groups().add(new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId("g1")
                    .setErrorCode((short) 0).setTopics(List.of(new OffsetFetchResponseData.OffsetFetchResponseTopics()
                            .setName("a").setPartitions(List.of(
                                    new OffsetFetchResponseData.OffsetFetchResponsePartitions().setPartitionIndex(0)
                                            .setCommittedOffset(42L).setCommittedLeaderEpoch(3).setMetadata("m")
                                            .setErrorCode((short) 0),
                                    new OffsetFetchResponseData.OffsetFetchResponsePartitions().setPartitionIndex(1)
                                            .setCommittedOffset(-1L).setMetadata(null)
                                            .setErrorCode(Errors.UNSTABLE_OFFSET_COMMIT))))));
            k.groups().add(new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId("g2")
                    .setErrorCode(Errors.NOT_COORDINATOR));
        } else {
            k.topics().add(new OffsetFetchResponseData.OffsetFetchResponseTopic().setName("a").setPartitions(List.of(
                    new OffsetFetchResponseData.OffsetFetchResponsePartition().setPartitionIndex(0)
                            .setCommittedOffset(42L).setCommittedLeaderEpoch(v >= 5 ? 3 : -1).setMetadata("m")
                            .setErrorCode((short) 0),
                    new OffsetFetchResponseData.OffsetFetchResponsePartition().setPartitionIndex(1)
                            .setCommittedOffset(-1L).setMetadata(null)
                            .setErrorCode(v >= 7 ? Errors.UNSTABLE_OFFSET_COMMIT : 0))));
            if (v >= 2) {
                k.setErrorCode(Errors.NOT_COORDINATOR);
            }
        }
        OffsetFetchResponse r = ourRead(OffsetFetchRequest.of("g1", null),
                kafkaBytes(withUnknownTags(k, v, ApiKey.OFFSET_FETCH), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 3 ? 11 : 0);
        OffsetFetchResponse.Group g = r.groups().get(0);
        assertThat(g.groupId()).isEqualTo("g1");
        assertThat(g.partitions()).containsExactly(
                new OffsetFetchResponse.PartitionOffset("a", 0, 42L, v >= 5 ? 3 : -1, "m", (short) 0),
                new OffsetFetchResponse.PartitionOffset("a", 1, -1L, -1, null,
                        v >= 7 ? Errors.UNSTABLE_OFFSET_COMMIT : 0));
        if (v >= 8) {
            assertThat(g.errorCode()).isZero();
            assertThat(r.groups()).hasSize(2);
            assertThat(r.groups().get(1)).isEqualTo(new OffsetFetchResponse.Group("g2", Errors.NOT_COORDINATOR,
                    List.of()));
        } else {
            assertThat(r.groups()).hasSize(1);
            assertThat(g.errorCode()).isEqualTo(v >= 2 ? Errors.NOT_COORDINATOR : 0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> initProducerIdVersions() {
        return Oracle.versions(ApiKey.INIT_PRODUCER_ID);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("initProducerIdVersions")
    void initProducerIdRequest(short v) {
        InitProducerIdRequestData idem = kafkaRead(InitProducerIdRequestData.class,
                ourBytes(InitProducerIdRequest.idempotent(), v), v);
        assertThat(idem.transactionalId()).isNull();
        assertThat(idem.transactionTimeoutMs()).isEqualTo(Integer.MAX_VALUE);
        assertThat(idem.producerId()).isEqualTo(-1L);
        assertThat(idem.producerEpoch()).isEqualTo((short) -1);
        if (v >= 3) {
            InitProducerIdRequestData bump = kafkaRead(InitProducerIdRequestData.class,
                    ourBytes(new InitProducerIdRequest("tx-1", 60_000, 1234L, (short) 5), v), v);
            assertThat(bump.transactionalId()).isEqualTo("tx-1");
            assertThat(bump.transactionTimeoutMs()).isEqualTo(60_000);
            assertThat(bump.producerId()).isEqualTo(1234L);
            assertThat(bump.producerEpoch()).isEqualTo((short) 5);
        } else {
            assertThatThrownBy(() -> ourBytes(new InitProducerIdRequest(null, 1, 1234L, (short) 5), v))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("initProducerIdVersions")
    void initProducerIdResponse(short v) {
        InitProducerIdResponseData k = new InitProducerIdResponseData().setThrottleTimeMs(3)
                .setErrorCode((short) 0).setProducerId(987_654_321L).setProducerEpoch((short) 2);
        InitProducerIdResponse r = ourRead(InitProducerIdRequest.idempotent(),
                kafkaBytes(withUnknownTags(k, v, ApiKey.INIT_PRODUCER_ID), v), v);
        assertThat(r).isEqualTo(new InitProducerIdResponse(3, (short) 0, 987_654_321L, (short) 2));
    }

    // ---------------------------------------------------------------------------------------------------------------
    static Stream<Short> saslHandshakeVersions() {
        return Oracle.versions(ApiKey.SASL_HANDSHAKE);
    }

    static Stream<Short> saslAuthenticateVersions() {
        return Oracle.versions(ApiKey.SASL_AUTHENTICATE);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("saslHandshakeVersions")
    void saslHandshake(short v) {
        assertThat(kafkaRead(SaslHandshakeRequestData.class, ourBytes(new SaslHandshakeRequest("SCRAM-SHA-512"),
                v), v).mechanism()).isEqualTo("SCRAM-SHA-512");
        SaslHandshakeResponseData k = new SaslHandshakeResponseData().setErrorCode((short) 0)
                .setMechanisms(List.of("PLAIN", "SCRAM-SHA-256"));
        SaslHandshakeResponse r = ourRead(new SaslHandshakeRequest("PLAIN"), kafkaBytes(k, v), v);
        assertThat(r).isEqualTo(new SaslHandshakeResponse((short) 0, List.of("PLAIN", "SCRAM-SHA-256")));
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("saslAuthenticateVersions")
    void saslAuthenticate(short v) {
        byte[] token = bytes("\0user\0secret");
        assertThat(kafkaRead(SaslAuthenticateRequestData.class, ourBytes(new SaslAuthenticateRequest(token), v), v)
                .authBytes()).isEqualTo(token);
        SaslAuthenticateResponseData k = new SaslAuthenticateResponseData().setErrorCode((short) 0)
                .setErrorMessage(null).setAuthBytes(META);
        if (v >= 1) {
            k.setSessionLifetimeMs(3_600_000L);
        }
        SaslAuthenticateResponse r = ourRead(new SaslAuthenticateRequest(token),
                kafkaBytes(withUnknownTags(k, v, ApiKey.SASL_AUTHENTICATE), v), v);
        assertThat(r.errorCode()).isZero();
        assertThat(r.errorMessage()).isNull();
        assertThat(r.authBytes()).isEqualTo(META);
        assertThat(r.sessionLifetimeMs()).isEqualTo(v >= 1 ? 3_600_000L : 0L);
    }
}
