package io.hpkafka.legacy;

import io.hpkafka.record.KafkaRecord;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.message.FetchRequest;
import io.hpkafka.internal.protocol.message.FetchResponse;
import io.hpkafka.internal.protocol.message.ListOffsetsRequest;
import io.hpkafka.internal.protocol.message.ListOffsetsResponse;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;
import io.hpkafka.internal.protocol.message.ProduceRequest;
import io.hpkafka.internal.protocol.message.ProduceResponse;
import io.hpkafka.internal.protocol.record.RecordBatchReader;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The old versions only the legacy compatibility modes send (Produce v0-2, Fetch v0-3, ListOffsets v0, Metadata
 * v0-3), checked both ways against kafka-clients 3.9.1's generated message classes: Kafka 4.x's client no longer
 * has most of them, which is why this lives next to the 3.9.1 broker.
 */
class LegacyVersionsOracleTest {

    private static byte[] ours(Request<?> request, short version) {
        ProtocolWriter w = new ProtocolWriter(64);
        request.write(w, version);
        return Arrays.copyOf(w.array(), w.position());
    }

    private static byte[] kafkas(Message m, short version) {
        return MessageUtil.byteBufferToArray(MessageUtil.toByteBuffer(m, version));
    }

    private static <R> R read(Request<R> request, Message response, short version) {
        return request.readResponse(new ProtocolReader(ByteBuffer.wrap(kafkas(response, version))), version);
    }

    /** A legacy message set as kafka-clients writes it, of the format the Produce / Fetch version carries. */
    private static MemoryRecords messages(byte magic, long baseOffset) {
        MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(256), magic, Compression.gzip().build(),
                TimestampType.CREATE_TIME, baseOffset);
        for (int i = 0; i < 3; i++) {
            b.append(1_700_000_000_000L + i, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2})
    void produceRequestsAndResponses(short v) {
        MemoryRecords records = messages(ProduceRequest.magic(v), 0);
        byte[] set = MessageUtil.byteBufferToArray(records.buffer());
        ProduceRequest request = new ProduceRequest((short) -1, 1500, List.of(new ProduceRequest.TopicData("orders",
                List.of(new ProduceRequest.PartitionData(2, (w, version) -> w.bytes(set, 0, set.length))))));
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName("orders").setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(2).setRecords(records))));
        assertThat(ours(request, v)).isEqualTo(kafkas(new ProduceRequestData().setAcks((short) -1)
                .setTimeoutMs(1500).setTransactionalId(null).setTopicData(topics), v));

        ProduceResponseData.TopicProduceResponseCollection responses =
                new ProduceResponseData.TopicProduceResponseCollection();
        responses.add(new ProduceResponseData.TopicProduceResponse().setName("orders").setPartitionResponses(List.of(
                new ProduceResponseData.PartitionProduceResponse().setIndex(2).setErrorCode((short) 0)
                        .setBaseOffset(77).setLogAppendTimeMs(v >= 2 ? 1234L : -1L),
                new ProduceResponseData.PartitionProduceResponse().setIndex(3).setErrorCode((short) 6)
                        .setBaseOffset(-1).setLogAppendTimeMs(-1))));
        ProduceResponse parsed = read(request, new ProduceResponseData().setResponses(responses)
                .setThrottleTimeMs(v >= 1 ? 9 : 0), v);
        assertThat(parsed.throttleTimeMs()).isEqualTo(v >= 1 ? 9 : 0);
        assertThat(parsed.partitions()).extracting(ProduceResponse.PartitionResult::partition).containsExactly(2, 3);
        assertThat(parsed.partitions()).extracting(ProduceResponse.PartitionResult::errorCode)
                .containsExactly((short) 0, (short) 6);
        assertThat(parsed.partitions().get(0).baseOffset()).isEqualTo(77);
        assertThat(parsed.partitions().get(0).logAppendTimeMs()).isEqualTo(v >= 2 ? 1234L : -1L);
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3})
    void fetchRequestsAndResponsesWithLegacyMessageSets(short v) {
        FetchRequest request = new FetchRequest(250, 1, v >= 3 ? 4096 : Integer.MAX_VALUE, List.of(
                new FetchRequest.Topic("orders", List.of(new FetchRequest.Partition(0, 5, 1024),
                        new FetchRequest.Partition(1, 0, 2048)))));
        FetchRequestData kafka = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(250).setMinBytes(1)
                .setMaxBytes(v >= 3 ? 4096 : Integer.MAX_VALUE).setTopics(List.of(new FetchRequestData.FetchTopic()
                        .setTopic("orders").setPartitions(List.of(
                                new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(5)
                                        .setPartitionMaxBytes(1024),
                                new FetchRequestData.FetchPartition().setPartition(1).setFetchOffset(0)
                                        .setPartitionMaxBytes(2048)))));
        assertThat(ours(request, v)).isEqualTo(kafkas(kafka, v));

        byte magic = (byte) (v >= 2 ? 1 : 0); // Fetch v2+ may return message format v1
        FetchResponseData response = new FetchResponseData().setThrottleTimeMs(v >= 1 ? 3 : 0).setResponses(List.of(
                new FetchResponseData.FetchableTopicResponse().setTopic("orders").setPartitions(List.of(
                        new FetchResponseData.PartitionData().setPartitionIndex(0).setErrorCode((short) 0)
                                .setHighWatermark(8).setRecords(messages(magic, 5)),
                        new FetchResponseData.PartitionData().setPartitionIndex(1).setErrorCode((short) 1)
                                .setHighWatermark(-1).setRecords(MemoryRecords.EMPTY)))));
        FetchResponse parsed = read(request, response, v);
        assertThat(parsed.throttleTimeMs()).isEqualTo(v >= 1 ? 3 : 0);
        assertThat(parsed.partitions()).hasSize(2);
        FetchResponse.PartitionData p0 = parsed.partitions().get(0);
        assertThat(p0.highWatermark()).isEqualTo(8);
        assertThat(p0.lastStableOffset()).isEqualTo(-1);
        assertThat(parsed.partitions().get(1).errorCode()).isEqualTo((short) 1);
        List<KafkaRecord> records = new ArrayList<>();
        assertThat(RecordBatchReader.read(p0.records(), "orders", 0, 5, records::add)).isEqualTo(8);
        assertThat(records).extracting(KafkaRecord::offset).containsExactly(5L, 6L, 7L);
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("v0", "v1", "v2");
        assertThat(records).extracting(KafkaRecord::timestamp).containsExactly(magic == 0
                ? new Long[] {-1L, -1L, -1L} : new Long[] {1_700_000_000_000L, 1_700_000_000_001L, 1_700_000_000_002L});
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1})
    void listOffsetsOldStyleAndSingleOffsets(short v) {
        ListOffsetsRequest request = new ListOffsetsRequest("orders", 4, ListOffsetsRequest.EARLIEST);
        assertThat(ours(request, v)).isEqualTo(kafkas(new ListOffsetsRequestData().setReplicaId(-1).setTopics(
                List.of(new ListOffsetsRequestData.ListOffsetsTopic().setName("orders").setPartitions(List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(4)
                                .setTimestamp(ListOffsetsRequest.EARLIEST).setMaxNumOffsets(1))))), v));

        ListOffsetsResponseData.ListOffsetsPartitionResponse partition =
                new ListOffsetsResponseData.ListOffsetsPartitionResponse().setPartitionIndex(4);
        if (v == 0) {
            partition.setOldStyleOffsets(List.of(42L));
        } else {
            partition.setOffset(42L).setTimestamp(99L);
        }
        ListOffsetsResponse parsed = read(request, new ListOffsetsResponseData().setTopics(List.of(
                new ListOffsetsResponseData.ListOffsetsTopicResponse().setName("orders")
                        .setPartitions(List.of(partition)))), v);
        assertThat(parsed.partitions()).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo("orders");
            assertThat(p.partition()).isEqualTo(4);
            assertThat(p.offset()).isEqualTo(42L);
            assertThat(p.timestamp()).isEqualTo(v == 0 ? -1L : 99L);
        });
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3})
    void metadataRequestsAndResponses(short v) {
        MetadataRequest some = new MetadataRequest(List.of("a", "b"), true);
        assertThat(ours(some, v)).isEqualTo(kafkas(new MetadataRequestData().setTopics(List.of(
                new MetadataRequestData.MetadataRequestTopic().setName("a"),
                new MetadataRequestData.MetadataRequestTopic().setName("b"))), v));
        MetadataRequest all = new MetadataRequest(null, false);
        assertThat(ours(all, v)).isEqualTo(kafkas(new MetadataRequestData()
                .setTopics(v == 0 ? List.of() : null), v)); // v0: an empty list asks for every topic

        MetadataResponseData.MetadataResponseBrokerCollection brokers =
                new MetadataResponseData.MetadataResponseBrokerCollection();
        brokers.add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("h1").setPort(9092)
                .setRack(v >= 1 ? "r1" : null));
        MetadataResponseData.MetadataResponseTopicCollection topics =
                new MetadataResponseData.MetadataResponseTopicCollection();
        topics.add(new MetadataResponseData.MetadataResponseTopic().setName("a").setIsInternal(false)
                .setPartitions(List.of(new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(0)
                        .setLeaderId(1).setReplicaNodes(List.of(1)).setIsrNodes(List.of(1)))));
        MetadataResponseData kafka = new MetadataResponseData().setBrokers(brokers).setTopics(topics)
                .setControllerId(v >= 1 ? 1 : -1).setClusterId(v >= 2 ? "cluster" : null)
                .setThrottleTimeMs(v >= 3 ? 5 : 0);
        MetadataResponse parsed = read(some, kafka, v);
        assertThat(parsed.brokers()).singleElement().satisfies(b -> {
            assertThat(b.nodeId()).isEqualTo(1);
            assertThat(b.host()).isEqualTo("h1");
            assertThat(b.port()).isEqualTo(9092);
            assertThat(b.rack()).isEqualTo(v >= 1 ? "r1" : null);
        });
        assertThat(parsed.controllerId()).isEqualTo(v >= 1 ? 1 : -1);
        assertThat(parsed.clusterId()).isEqualTo(v >= 2 ? "cluster" : null);
        assertThat(parsed.throttleTimeMs()).isEqualTo(v >= 3 ? 5 : 0);
        assertThat(parsed.topics()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("a");
            assertThat(t.partitions()).singleElement().satisfies(p -> {
                assertThat(p.leaderId()).isEqualTo(1);
                assertThat(p.replicas()).containsExactly(1);
                assertThat(p.isr()).containsExactly(1);
            });
        });
    }
}
