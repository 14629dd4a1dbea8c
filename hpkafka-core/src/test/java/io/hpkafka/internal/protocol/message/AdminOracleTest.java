package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.Errors;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.hpkafka.internal.protocol.message.Oracle.kafkaBytes;
import static io.hpkafka.internal.protocol.message.Oracle.kafkaRead;
import static io.hpkafka.internal.protocol.message.Oracle.ourBytes;
import static io.hpkafka.internal.protocol.message.Oracle.ourRead;
import static io.hpkafka.internal.protocol.message.Oracle.withUnknownTags;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed requests and responses of the admin APIs (CreateTopics, DeleteTopics, DescribeConfigs, ListGroups,
 * DescribeGroups) at every version this client implements, against kafka-clients' generated messages, as
 * {@link ControlPlaneOracleTest} does for the client's other APIs; {@link TableRoundTripTest} checks their tables
 * byte for byte.
 */
class AdminOracleTest {

    private static final byte[] ASSIGNMENT = {0, 0, 0, 0, 0, 0};

    static Stream<Short> createTopicsVersions() {
        return Oracle.versions(ApiKey.CREATE_TOPICS);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("createTopicsVersions")
    void createTopicsRequest(short v) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", "compact");
        configs.put("retention.ms", "1000");
        CreateTopicsRequest ours = new CreateTopicsRequest(List.of(
                new CreateTopicsRequest.Topic("a", 3, (short) 2, configs),
                new CreateTopicsRequest.Topic("b", 1, (short) 1, Map.of())), 15_000, true);
        CreateTopicsRequestData k = kafkaRead(CreateTopicsRequestData.class, ourBytes(ours, v), v);
        assertThat(k.timeoutMs()).isEqualTo(15_000);
        assertThat(k.validateOnly()).isTrue();
        assertThat(k.topics()).extracting(CreateTopicsRequestData.CreatableTopic::name).containsExactly("a", "b");
        CreateTopicsRequestData.CreatableTopic a = k.topics().find("a");
        assertThat(a.numPartitions()).isEqualTo(3);
        assertThat(a.replicationFactor()).isEqualTo((short) 2);
        assertThat(a.assignments()).isEmpty();
        assertThat(a.configs()).extracting(CreateTopicsRequestData.CreatableTopicConfig::name,
                CreateTopicsRequestData.CreatableTopicConfig::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cleanup.policy", "compact"),
                        org.assertj.core.groups.Tuple.tuple("retention.ms", "1000"));
    }

    @Test
    void createTopicsWithBrokerDefaultCountsAsksForV4() {
        assertThat(new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic("a", 3, (short) 1, Map.of())), 1,
                false).minVersion()).isEqualTo((short) 2);
        assertThat(new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic("a", -1, (short) 1, Map.of())), 1,
                false).minVersion()).isEqualTo((short) 4);
        assertThat(new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic("a", 2, (short) -1, Map.of())), 1,
                false).minVersion()).isEqualTo((short) 4);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("createTopicsVersions")
    void createTopicsResponse(short v) {
        UUID id = UUID.randomUUID();
        CreateTopicsResponseData k = new CreateTopicsResponseData().setThrottleTimeMs(7);
        CreateTopicsResponseData.CreatableTopicResult ok = new CreateTopicsResponseData.CreatableTopicResult()
                .setName("a").setErrorCode((short) 0).setErrorMessage(null);
        if (v >= 5) {
            ok.setNumPartitions(3).setReplicationFactor((short) 1).setTopicConfigErrorCode((short) 29)
                    .setConfigs(List.of(new CreateTopicsResponseData.CreatableTopicConfigs().setName("retention.ms")
                            .setValue("1000").setReadOnly(false).setConfigSource((byte) 1).setIsSensitive(false)));
        }
        if (v >= 7) {
            ok.setTopicId(new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits()));
        }
        k.topics().add(ok);
        k.topics().add(new CreateTopicsResponseData.CreatableTopicResult().setName("b")
                .setErrorCode(Errors.TOPIC_ALREADY_EXISTS).setErrorMessage("Topic 'b' already exists."));
        CreateTopicsResponse r = ourRead(new CreateTopicsRequest(List.of(), 1, false),
                kafkaBytes(withUnknownTags(k, v, ApiKey.CREATE_TOPICS), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(7);
        CreateTopicsResponse.TopicResult a = r.topics().get(0);
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.errorCode()).isZero();
        assertThat(a.errorMessage()).isNull();
        assertThat(a.numPartitions()).isEqualTo(v >= 5 ? 3 : -1);
        assertThat(a.replicationFactor()).isEqualTo((short) (v >= 5 ? 1 : -1));
        assertThat(a.topicConfigErrorCode()).isEqualTo((short) (v >= 5 ? 29 : 0));
        assertThat(a.configs()).isEqualTo(v >= 5
                ? List.of(new CreateTopicsResponse.Config("retention.ms", "1000", false, (byte) 1, false))
                : List.of());
        assertThat(a.topicId()).isEqualTo(v >= 7 ? id : new UUID(0, 0));
        CreateTopicsResponse.TopicResult b = r.topics().get(1);
        assertThat(b.errorCode()).isEqualTo(Errors.TOPIC_ALREADY_EXISTS);
        assertThat(b.errorMessage()).isEqualTo("Topic 'b' already exists.");
    }

    static Stream<Short> deleteTopicsVersions() {
        return Oracle.versions(ApiKey.DELETE_TOPICS);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("deleteTopicsVersions")
    void deleteTopics(short v) {
        DeleteTopicsRequestData k = kafkaRead(DeleteTopicsRequestData.class,
                ourBytes(new DeleteTopicsRequest(List.of("a", "b"), 9_000), v), v);
        assertThat(k.topicNames()).containsExactly("a", "b");
        assertThat(k.timeoutMs()).isEqualTo(9_000);

        DeleteTopicsResponseData kr = new DeleteTopicsResponseData().setThrottleTimeMs(3);
        kr.responses().add(new DeleteTopicsResponseData.DeletableTopicResult().setName("a").setErrorCode((short) 0));
        kr.responses().add(new DeleteTopicsResponseData.DeletableTopicResult().setName("b")
                .setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION).setErrorMessage(v >= 5 ? "no such topic" : null));
        DeleteTopicsResponse r = ourRead(new DeleteTopicsRequest(List.of(), 1),
                kafkaBytes(withUnknownTags(kr, v, ApiKey.DELETE_TOPICS), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(3);
        assertThat(r.topics()).containsExactly(new DeleteTopicsResponse.TopicResult("a", (short) 0, null),
                new DeleteTopicsResponse.TopicResult("b", Errors.UNKNOWN_TOPIC_OR_PARTITION,
                        v >= 5 ? "no such topic" : null));
    }

    static Stream<Short> describeConfigsVersions() {
        return Oracle.versions(ApiKey.DESCRIBE_CONFIGS);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("describeConfigsVersions")
    void describeConfigs(short v) {
        DescribeConfigsRequestData k = kafkaRead(DescribeConfigsRequestData.class, ourBytes(new DescribeConfigsRequest(
                List.of(new DescribeConfigsRequest.Resource(DescribeConfigsRequest.TOPIC, "a", null),
                        new DescribeConfigsRequest.Resource(DescribeConfigsRequest.BROKER, "1",
                                List.of("log.retention.ms")))), v), v);
        assertThat(k.resources()).hasSize(2);
        assertThat(k.resources().get(0).resourceType()).isEqualTo((byte) 2);
        assertThat(k.resources().get(0).resourceName()).isEqualTo("a");
        assertThat(k.resources().get(0).configurationKeys()).isNull();
        assertThat(k.resources().get(1).resourceType()).isEqualTo((byte) 4);
        assertThat(k.resources().get(1).configurationKeys()).containsExactly("log.retention.ms");
        assertThat(k.includeSynonyms()).isFalse();

        DescribeConfigsResponseData kr = new DescribeConfigsResponseData().setThrottleTimeMs(2);
        DescribeConfigsResponseData.DescribeConfigsResourceResult retention =
                new DescribeConfigsResponseData.DescribeConfigsResourceResult().setName("retention.ms")
                        .setValue("1000").setReadOnly(false).setConfigSource((byte) 1).setIsSensitive(false)
                        .setSynonyms(List.of(new DescribeConfigsResponseData.DescribeConfigsSynonym()
                                .setName("log.retention.ms").setValue("5").setSource((byte) 4)));
        if (v >= 3) {
            retention.setConfigType((byte) 5).setDocumentation("how long");
        }
        kr.results().add(new DescribeConfigsResponseData.DescribeConfigsResult().setErrorCode((short) 0)
                .setErrorMessage(null).setResourceType((byte) 2).setResourceName("a").setConfigs(List.of(retention,
                        new DescribeConfigsResponseData.DescribeConfigsResourceResult().setName("secret")
                                .setValue(null).setReadOnly(true).setConfigSource((byte) 5).setIsSensitive(true)
                                .setDocumentation(null))));
        kr.results().add(new DescribeConfigsResponseData.DescribeConfigsResult()
                .setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION).setErrorMessage("gone").setResourceType((byte) 2)
                .setResourceName("b"));
        DescribeConfigsResponse r = ourRead(DescribeConfigsRequest.topics(List.of("a")),
                kafkaBytes(withUnknownTags(kr, v, ApiKey.DESCRIBE_CONFIGS), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(2);
        assertThat(r.results()).containsExactly(
                new DescribeConfigsResponse.Result((short) 0, null, (byte) 2, "a", List.of(
                        new DescribeConfigsResponse.Config("retention.ms", "1000", false, (byte) 1, false),
                        new DescribeConfigsResponse.Config("secret", null, true, (byte) 5, true))),
                new DescribeConfigsResponse.Result(Errors.UNKNOWN_TOPIC_OR_PARTITION, "gone", (byte) 2, "b",
                        List.of()));
    }

    static Stream<Short> listGroupsVersions() {
        return Oracle.versions(ApiKey.LIST_GROUPS);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("listGroupsVersions")
    void listGroups(short v) {
        ListGroupsRequestData k = kafkaRead(ListGroupsRequestData.class, ourBytes(ListGroupsRequest.ALL, v), v);
        assertThat(k.statesFilter()).isEmpty();
        assertThat(k.typesFilter()).isEmpty();
        if (v >= 5) {
            ListGroupsRequestData filtered = kafkaRead(ListGroupsRequestData.class, ourBytes(
                    new ListGroupsRequest(List.of("Stable"), List.of("classic")), v), v);
            assertThat(filtered.statesFilter()).containsExactly("Stable");
            assertThat(filtered.typesFilter()).containsExactly("classic");
        }

        ListGroupsResponseData kr = new ListGroupsResponseData().setThrottleTimeMs(4).setErrorCode((short) 0);
        ListGroupsResponseData.ListedGroup g = new ListGroupsResponseData.ListedGroup().setGroupId("g1")
                .setProtocolType("consumer");
        if (v >= 4) {
            g.setGroupState("Stable");
        }
        if (v >= 5) {
            g.setGroupType("classic");
        }
        kr.groups().add(g);
        ListGroupsResponse r = ourRead(ListGroupsRequest.ALL, kafkaBytes(withUnknownTags(kr, v, ApiKey.LIST_GROUPS),
                v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 1 ? 4 : 0);
        assertThat(r.groups()).containsExactly(new ListGroupsResponse.Group("g1", "consumer", v >= 4 ? "Stable" : "",
                v >= 5 ? "classic" : ""));
    }

    @Test
    void listGroupsFiltersAskForTheVersionsThatKnowThem() {
        assertThat(ListGroupsRequest.ALL.minVersion()).isZero();
        assertThat(new ListGroupsRequest(List.of("Stable"), List.of()).minVersion()).isEqualTo((short) 4);
        assertThat(new ListGroupsRequest(List.of(), List.of("classic")).minVersion()).isEqualTo((short) 5);
    }

    static Stream<Short> describeGroupsVersions() {
        return Oracle.versions(ApiKey.DESCRIBE_GROUPS);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("describeGroupsVersions")
    void describeGroups(short v) {
        DescribeGroupsRequestData k = kafkaRead(DescribeGroupsRequestData.class,
                ourBytes(new DescribeGroupsRequest(List.of("g1", "g2")), v), v);
        assertThat(k.groups()).containsExactly("g1", "g2");
        assertThat(k.includeAuthorizedOperations()).isFalse();

        DescribeGroupsResponseData kr = new DescribeGroupsResponseData().setThrottleTimeMs(5);
        kr.groups().add(new DescribeGroupsResponseData.DescribedGroup().setErrorCode((short) 0).setGroupId("g1")
                .setGroupState("Stable").setProtocolType("consumer").setProtocolData("range")
                .setMembers(List.of(new DescribeGroupsResponseData.DescribedGroupMember().setMemberId("m-1")
                        .setGroupInstanceId(v >= 4 ? "i-1" : null).setClientId("c").setClientHost("/10.0.0.1")
                        .setMemberMetadata(new byte[] {1}).setMemberAssignment(ASSIGNMENT))));
        kr.groups().add(new DescribeGroupsResponseData.DescribedGroup().setErrorCode(Errors.NOT_COORDINATOR)
                .setErrorMessage(v >= 6 ? "moved" : null).setGroupId("g2"));
        DescribeGroupsResponse r = ourRead(new DescribeGroupsRequest(List.of("g1")),
                kafkaBytes(withUnknownTags(kr, v, ApiKey.DESCRIBE_GROUPS), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(v >= 1 ? 5 : 0);
        DescribeGroupsResponse.Group g1 = r.groups().get(0);
        assertThat(List.of(g1.groupId(), g1.groupState(), g1.protocolType(), g1.protocolData()))
                .containsExactly("g1", "Stable", "consumer", "range");
        assertThat(g1.errorMessage()).isNull();
        DescribeGroupsResponse.Member m = g1.members().get(0);
        assertThat(m.memberId()).isEqualTo("m-1");
        assertThat(m.groupInstanceId()).isEqualTo(v >= 4 ? "i-1" : null);
        assertThat(m.clientId()).isEqualTo("c");
        assertThat(m.clientHost()).isEqualTo("/10.0.0.1");
        assertThat(m.metadata()).containsExactly(1);
        assertThat(m.assignment()).isEqualTo(ASSIGNMENT);
        DescribeGroupsResponse.Group g2 = r.groups().get(1);
        assertThat(g2.errorCode()).isEqualTo(Errors.NOT_COORDINATOR);
        assertThat(g2.errorMessage()).isEqualTo(v >= 6 ? "moved" : null);
    }
}
