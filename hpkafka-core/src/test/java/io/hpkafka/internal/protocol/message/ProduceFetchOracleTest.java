package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.Errors;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.hpkafka.internal.protocol.message.Oracle.kafkaBytes;
import static io.hpkafka.internal.protocol.message.Oracle.kafkaRead;
import static io.hpkafka.internal.protocol.message.Oracle.ourBytes;
import static io.hpkafka.internal.protocol.message.Oracle.ourRead;
import static io.hpkafka.internal.protocol.message.Oracle.toArray;
import static io.hpkafka.internal.protocol.message.Oracle.withUnknownTags;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written hot-path codecs, Produce v3-v12 and Fetch v4-v12, against kafka-clients: our requests are byte
 * for byte what kafka-clients writes for the same content (and it reads them back to that content), and we read
 * kafka-clients' responses, tagged fields included, to the same values.
 */
class ProduceFetchOracleTest {

    /** Batches whose compact size varint needs 1, 2, 3 and 4 bytes, around the 3 bytes ProduceRequest reserves. */
    private static final int[] BATCH_VALUE_BYTES = {10, 5_000, 100_000, 2_200_000};

    static Stream<Arguments> produceVersionsAndBatchSizes() {
        return Oracle.versions(ApiKey.PRODUCE).flatMap(v -> java.util.Arrays.stream(BATCH_VALUE_BYTES)
                .mapToObj(size -> Arguments.of(v, size)));
    }

    static Stream<Short> produceVersions() {
        return Oracle.versions(ApiKey.PRODUCE);
    }

    static Stream<Short> fetchVersions() {
        return Oracle.versions(ApiKey.FETCH);
    }

    static MemoryRecords batch(int valueBytes, long seed) {
        byte[] value = new byte[valueBytes];
        new Random(seed).nextBytes(value);
        return MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(1_700_000_000_000L, "k".getBytes(),
                value), new SimpleRecord(1_700_000_000_001L, null, "second".getBytes()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Produce

    @ParameterizedTest(name = "v{0}, {1}-byte value")
    @MethodSource("produceVersionsAndBatchSizes")
    void produceRequestIsWhatKafkaClientsWrites(short v, int valueBytes) {
        MemoryRecords a = batch(valueBytes, 1);
        MemoryRecords b = batch(7, 2);
        MemoryRecords c = batch(valueBytes / 2, 3);
        ProduceRequest ours = new ProduceRequest((short) -1, 30_000, List.of(
                new ProduceRequest.TopicData("orders", List.of(
                        new ProduceRequest.PartitionData(0, writing(a)),
                        new ProduceRequest.PartitionData(3, writing(b)))),
                new ProduceRequest.TopicData("é-topic", List.of(new ProduceRequest.PartitionData(1, writing(c))))));
        ByteBuffer ourBytes = ourBytes(ours, v);

        ProduceRequestData k = kafkaRead(ProduceRequestData.class, ourBytes, v);
        assertThat(k.transactionalId()).isNull();
        assertThat(k.acks()).isEqualTo((short) -1);
        assertThat(k.timeoutMs()).isEqualTo(30_000);
        List<ProduceRequestData.TopicProduceData> topics = new ArrayList<>(k.topicData());
        assertThat(topics).extracting(ProduceRequestData.TopicProduceData::name).containsExactly("orders", "é-topic");
        assertThat(topics.get(0).partitionData()).extracting(ProduceRequestData.PartitionProduceData::index)
                .containsExactly(0, 3);
        assertThat(((MemoryRecords) topics.get(0).partitionData().get(0).records()).buffer()).isEqualTo(a.buffer());
        assertThat(((MemoryRecords) topics.get(0).partitionData().get(1).records()).buffer()).isEqualTo(b.buffer());
        assertThat(((MemoryRecords) topics.get(1).partitionData().get(0).records()).buffer()).isEqualTo(c.buffer());

        ProduceRequestData same = new ProduceRequestData().setTransactionalId(null).setAcks((short) -1)
                .setTimeoutMs(30_000);
        same.topicData().add(new ProduceRequestData.TopicProduceData().setName("orders").setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(a),
                new ProduceRequestData.PartitionProduceData().setIndex(3).setRecords(b))));
        same.topicData().add(new ProduceRequestData.TopicProduceData().setName("é-topic").setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(1).setRecords(c))));
        assertThat(toArray(ourBytes)).isEqualTo(toArray(kafkaBytes(same, v)));
    }

    private static ProduceRequest.BatchWriter writing(MemoryRecords records) {
        byte[] bytes = toArray(records.buffer());
        return (w, version) -> w.bytes(bytes, 0, bytes.length);
    }

    /** A response with every field this version has set, tags no version defines included. */
    static ProduceResponseData produceResponseSample(short v) {
        ProduceResponseData k = new ProduceResponseData().setThrottleTimeMs(9);
        ProduceResponseData.PartitionProduceResponse ok = new ProduceResponseData.PartitionProduceResponse()
                .setIndex(0).setErrorCode((short) 0).setBaseOffset(100L).setLogAppendTimeMs(1234L);
        ProduceResponseData.PartitionProduceResponse moved = new ProduceResponseData.PartitionProduceResponse()
                .setIndex(1).setErrorCode(Errors.NOT_LEADER_OR_FOLLOWER).setBaseOffset(-1L);
        if (v >= 5) {
            ok.setLogStartOffset(5L);
        }
        if (v >= 8) {
            moved.setRecordErrors(List.of(new ProduceResponseData.BatchIndexAndErrorMessage().setBatchIndex(1)
                    .setBatchIndexErrorMessage("bad record"), new ProduceResponseData.BatchIndexAndErrorMessage()
                    .setBatchIndex(2).setBatchIndexErrorMessage(null)));
            moved.setErrorMessage("leader moved");
        }
        if (v >= 10) {
            moved.setCurrentLeader(new ProduceResponseData.LeaderIdAndEpoch().setLeaderId(2).setLeaderEpoch(7));
            k.nodeEndpoints().add(new ProduceResponseData.NodeEndpoint().setNodeId(2).setHost("h2").setPort(9093)
                    .setRack(null));
            k.nodeEndpoints().add(new ProduceResponseData.NodeEndpoint().setNodeId(3).setHost("h3").setPort(9094)
                    .setRack("rack-c"));
        }
        if (ApiKey.PRODUCE.isFlexible(v)) {
            ok.unknownTaggedFields().add(new RawTaggedField(42, new byte[] {9, 9}));
        }
        k.responses().add(new ProduceResponseData.TopicProduceResponse().setName("orders")
                .setPartitionResponses(List.of(ok, moved)));
        k.responses().add(new ProduceResponseData.TopicProduceResponse().setName("empty"));

        return withUnknownTags(k, v, ApiKey.PRODUCE);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("produceVersions")
    void produceResponseIsReadAsKafkaClientsWroteIt(short v) {
        ProduceResponse r = ourRead(new ProduceRequest((short) 1, 1, List.of()),
                kafkaBytes(produceResponseSample(v), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(9);
        assertThat(r.partitions()).containsExactly(
                new ProduceResponse.PartitionResult("orders", 0, (short) 0, 100L, 1234L, v >= 5 ? 5L : -1L, null, -1,
                        -1),
                new ProduceResponse.PartitionResult("orders", 1, Errors.NOT_LEADER_OR_FOLLOWER, -1L, -1L, -1L,
                        v >= 8 ? "leader moved" : null, v >= 10 ? 2 : -1, v >= 10 ? 7 : -1));
        assertThat(r.nodeEndpoints()).isEqualTo(v >= 10 ? List.of(new ProduceResponse.NodeEndpoint(2, "h2", 9093, null),
                new ProduceResponse.NodeEndpoint(3, "h3", 9094, "rack-c")) : List.of());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Fetch

    @ParameterizedTest(name = "v{0}")
    @MethodSource("fetchVersions")
    void fetchRequestIsWhatKafkaClientsWrites(short v) {
        FetchRequest ours = new FetchRequest(500, 1, 52_428_800, List.of(
                new FetchRequest.Topic("orders", List.of(new FetchRequest.Partition(0, 100L, 1_048_576),
                        new FetchRequest.Partition(2, 5L, 1_048_576))),
                new FetchRequest.Topic("é-topic", List.of(new FetchRequest.Partition(1, 0L, 1_000)))));
        ByteBuffer ourBytes = ourBytes(ours, v);

        FetchRequestData k = kafkaRead(FetchRequestData.class, ourBytes, v);
        assertThat(k.replicaId()).isEqualTo(-1);
        assertThat(k.maxWaitMs()).isEqualTo(500);
        assertThat(k.minBytes()).isEqualTo(1);
        assertThat(k.maxBytes()).isEqualTo(52_428_800);
        assertThat(k.isolationLevel()).isZero();
        assertThat(k.sessionId()).isZero();
        assertThat(k.sessionEpoch()).isEqualTo(-1);
        assertThat(k.clusterId()).isNull();
        assertThat(k.forgottenTopicsData()).isEmpty();
        assertThat(k.rackId()).isEmpty();
        assertThat(k.topics()).extracting(FetchRequestData.FetchTopic::topic).containsExactly("orders", "é-topic");
        FetchRequestData.FetchPartition p = k.topics().get(0).partitions().get(1);
        assertThat(p.partition()).isEqualTo(2);
        assertThat(p.fetchOffset()).isEqualTo(5L);
        assertThat(p.partitionMaxBytes()).isEqualTo(1_048_576);
        assertThat(p.currentLeaderEpoch()).isEqualTo(-1);
        assertThat(p.lastFetchedEpoch()).isEqualTo(-1);
        assertThat(p.logStartOffset()).isEqualTo(-1L);

        FetchRequestData same = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(500).setMinBytes(1)
                .setMaxBytes(52_428_800).setIsolationLevel((byte) 0).setSessionId(0).setSessionEpoch(-1)
                .setRackId("").setTopics(List.of(
                        new FetchRequestData.FetchTopic().setTopic("orders").setPartitions(List.of(
                                new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(100L)
                                        .setPartitionMaxBytes(1_048_576),
                                new FetchRequestData.FetchPartition().setPartition(2).setFetchOffset(5L)
                                        .setPartitionMaxBytes(1_048_576))),
                        new FetchRequestData.FetchTopic().setTopic("é-topic").setPartitions(List.of(
                                new FetchRequestData.FetchPartition().setPartition(1).setFetchOffset(0L)
                                        .setPartitionMaxBytes(1_000)))));
        assertThat(toArray(ourBytes)).isEqualTo(toArray(kafkaBytes(same, v)));
    }

    /** A response with every field this version has set, tags no version defines included. */
    static FetchResponseData fetchResponseSample(short v, MemoryRecords records) {
        FetchResponseData k = new FetchResponseData().setThrottleTimeMs(3);
        if (v >= 7) {
            k.setErrorCode((short) 0).setSessionId(123);
        }
        FetchResponseData.PartitionData data = new FetchResponseData.PartitionData().setPartitionIndex(0)
                .setErrorCode((short) 0).setHighWatermark(10L).setLastStableOffset(9L)
                .setAbortedTransactions(List.of(new FetchResponseData.AbortedTransaction().setProducerId(5L)
                        .setFirstOffset(3L)))
                .setRecords(records);
        if (v >= 5) {
            data.setLogStartOffset(1L);
        }
        if (v >= 11) {
            data.setPreferredReadReplica(2);
        }
        FetchResponseData.PartitionData moved = new FetchResponseData.PartitionData().setPartitionIndex(1)
                .setErrorCode(Errors.NOT_LEADER_OR_FOLLOWER).setHighWatermark(-1L).setAbortedTransactions(null)
                .setRecords(null);
        if (v >= 12) {
            data.setDivergingEpoch(new FetchResponseData.EpochEndOffset().setEpoch(4).setEndOffset(8L));
            data.setSnapshotId(new FetchResponseData.SnapshotId().setEndOffset(3L).setEpoch(2));
            moved.setCurrentLeader(new FetchResponseData.LeaderIdAndEpoch().setLeaderId(1).setLeaderEpoch(6));
            data.unknownTaggedFields().add(new RawTaggedField(9, new byte[] {1}));
        }
        k.responses().add(new FetchResponseData.FetchableTopicResponse().setTopic("orders")
                .setPartitions(List.of(data, moved)));

        return withUnknownTags(k, v, ApiKey.FETCH);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("fetchVersions")
    void fetchResponseIsReadAsKafkaClientsWroteIt(short v) {
        MemoryRecords records = batch(3_000, 4);
        FetchResponse r = ourRead(new FetchRequest(1, 1, 1, List.of()),
                kafkaBytes(fetchResponseSample(v, records), v), v);
        assertThat(r.throttleTimeMs()).isEqualTo(3);
        assertThat(r.errorCode()).isZero();
        assertThat(r.sessionId()).isEqualTo(v >= 7 ? 123 : 0);
        assertThat(r.partitions()).hasSize(2);
        FetchResponse.PartitionData p0 = r.partitions().get(0);
        assertThat(p0.topic()).isEqualTo("orders");
        assertThat(p0.partition()).isZero();
        assertThat(p0.errorCode()).isZero();
        assertThat(p0.highWatermark()).isEqualTo(10L);
        assertThat(p0.lastStableOffset()).isEqualTo(9L);
        assertThat(p0.logStartOffset()).isEqualTo(v >= 5 ? 1L : -1L);
        assertThat(p0.abortedTransactions()).containsExactly(new FetchResponse.AbortedTransaction(5L, 3L));
        assertThat(p0.preferredReadReplica()).isEqualTo(v >= 11 ? 2 : -1);
        assertThat(p0.records()).isEqualTo(records.buffer());
        assertThat(p0.currentLeaderId()).isEqualTo(-1);
        FetchResponse.PartitionData p1 = r.partitions().get(1);
        assertThat(p1.errorCode()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(p1.records().remaining()).isZero();
        assertThat(p1.abortedTransactions()).isEmpty();
        assertThat(p1.currentLeaderId()).isEqualTo(v >= 12 ? 1 : -1);
        assertThat(p1.currentLeaderEpoch()).isEqualTo(v >= 12 ? 6 : -1);
    }
}
