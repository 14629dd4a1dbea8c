package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * Produce (key 0) v3-v12 with one record batch v2 per partition, and v0-v2 (legacy message sets, magic 0 for v0-v1
 * and magic 1 for v2) for the pinned {@link io.hpkafka.config.Compatibility} modes only. The batches are written
 * straight into the request buffer by their {@link BatchWriter}s when the request is encoded, so no intermediate
 * copy is made. v9+ is flexible: the records size is then a varint known only after the batch is written, so 3
 * bytes are reserved (exact for batches of 16 KB to 2 MB) and the batch is moved only when the size needs another
 * length. v10+ responses name the new leader of a partition that moved (KIP-951). Hand-written rather than
 * table-driven: this is the hot path.
 *
 * @param acks 0, 1 or -1
 * @param timeoutMs how long the broker may wait for the required acks, in ms
 * @param topics per-topic partition data, in the order written
 */
public record ProduceRequest(short acks, int timeoutMs, List<TopicData> topics) implements Request<ProduceResponse> {

    private static final int RESERVED_SIZE_BYTES = 3;

    /**
     * Writes one partition's records field content (without the size prefix) in the format {@code version} carries:
     * a record batch v2 from v3 on, else a legacy message set of magic {@link #magic(short)}.
     */
    @FunctionalInterface
    public interface BatchWriter {
        void writeBatch(ProtocolWriter writer, short version);
    }

    /** @return the record format (magic) a Produce request of {@code version} carries: 0 for v0-v1, 1 for v2, else 2 */
    public static byte magic(short version) {
        return (byte) (version <= 1 ? 0 : version == 2 ? 1 : 2);
    }

    /** Records for one partition. */
    public record PartitionData(int partition, BatchWriter batch) {
    }

    /** Partitions of one topic. */
    public record TopicData(String topic, List<PartitionData> partitions) {
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.PRODUCE;
    }

    @Override
    public boolean expectsResponse() {
        return acks != 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Request

    @Override
    public void write(ProtocolWriter w, short version) {
        boolean flexible = ApiKey.PRODUCE.isFlexible(version);
        if (flexible) {
            w.compactNullableString(null); // transactional id
        } else if (version >= 3) {
            w.nullableString(null);
        }
        w.int16(acks);
        w.int32(timeoutMs);
        arrayLength(w, topics.size(), flexible);
        for (TopicData t : topics) {
            if (flexible) {
                w.compactString(t.topic());
            } else {
                w.string(t.topic());
            }
            arrayLength(w, t.partitions().size(), flexible);
            for (PartitionData p : t.partitions()) {
                w.int32(p.partition());
                if (flexible) {
                    int sizeAt = w.skip(RESERVED_SIZE_BYTES);
                    p.batch().writeBatch(w, version);
                    w.fillUnsignedVarint(sizeAt, RESERVED_SIZE_BYTES, w.position() - sizeAt - RESERVED_SIZE_BYTES + 1);
                    w.emptyTaggedFields(); // partition
                } else {
                    int sizeAt = w.skip(4);
                    p.batch().writeBatch(w, version);
                    w.setInt32(sizeAt, w.position() - sizeAt - 4);
                }
            }
            if (flexible) {
                w.emptyTaggedFields(); // topic
            }
        }
        if (flexible) {
            w.emptyTaggedFields(); // request
        }
    }

    private static void arrayLength(ProtocolWriter w, int n, boolean flexible) {
        if (flexible) {
            w.compactArrayLength(n);
        } else {
            w.arrayLength(n);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Response

    @Override
    public ProduceResponse readResponse(ProtocolReader r, short version) {
        boolean flexible = ApiKey.PRODUCE.isFlexible(version);
        int topicCount = arrayLength(r, flexible ? 3 : 6, flexible);
        List<ProduceResponse.PartitionResult> results = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            String topic = flexible ? r.compactString() : r.string();
            int partitionCount = arrayLength(r, flexible ? 33 : version >= 2 ? 22 : 14, flexible);
            for (int i = 0; i < partitionCount; i++) {
                results.add(readPartition(r, version, flexible, topic));
            }
            if (flexible) {
                r.skipTaggedFields();
            }
        }
        int throttleTimeMs = version >= 1 ? r.int32() : 0;
        List<ProduceResponse.NodeEndpoint> endpoints = List.of();
        if (flexible) {
            endpoints = readResponseTags(r, version);
        }
        return new ProduceResponse(results, throttleTimeMs, endpoints);
    }

    private static ProduceResponse.PartitionResult readPartition(ProtocolReader r, short version, boolean flexible,
                                                                 String topic) {
        int partition = r.int32();
        short error = r.int16();
        long baseOffset = r.int64();
        long logAppendTime = version >= 2 ? r.int64() : -1L;
        long logStartOffset = version >= 5 ? r.int64() : -1L;
        String message = null;
        if (version >= 8) {
            int recordErrors = arrayLength(r, 6, flexible);
            for (int e = 0; e < recordErrors; e++) {
                r.int32(); // batch index
                if (flexible) {
                    r.compactNullableString();
                    r.skipTaggedFields();
                } else {
                    r.nullableString();
                }
            }
            message = flexible ? r.compactNullableString() : r.nullableString();
        }
        int leaderId = -1;
        int leaderEpoch = -1;
        if (flexible) {
            int count = tagCount(r);
            for (int n = 0; n < count; n++) {
                int tag = r.unsignedVarint();
                ProtocolReader field = new ProtocolReader(r.slice(tagSize(r)));
                if (tag == 0 && version >= 10) { // CurrentLeader (KIP-951)
                    leaderId = field.int32();
                    leaderEpoch = field.int32();
                }
            }
        }
        return new ProduceResponse.PartitionResult(topic, partition, error, baseOffset, logAppendTime,
                logStartOffset, message, leaderId, leaderEpoch);
    }

    private static List<ProduceResponse.NodeEndpoint> readResponseTags(ProtocolReader r, short version) {
        List<ProduceResponse.NodeEndpoint> endpoints = List.of();
        int count = tagCount(r);
        for (int n = 0; n < count; n++) {
            int tag = r.unsignedVarint();
            ProtocolReader field = new ProtocolReader(r.slice(tagSize(r)));
            if (tag == 0 && version >= 10) { // NodeEndpoints (KIP-951)
                endpoints = readNodeEndpoints(field);
            }
        }
        return endpoints;
    }

    /** Reads KIP-951 node endpoints (compact array of node id, host, port, rack); Fetch v16+ uses them too. */
    static List<ProduceResponse.NodeEndpoint> readNodeEndpoints(ProtocolReader r) {
        int n = r.compactArrayLength(11);
        if (n < 0) {
            throw new ProtocolException("null NodeEndpoints");
        }
        List<ProduceResponse.NodeEndpoint> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int nodeId = r.int32();
            String host = r.compactString();
            int port = r.int32();
            String rack = r.compactNullableString();
            r.skipTaggedFields();
            out.add(new ProduceResponse.NodeEndpoint(nodeId, host, port, rack));
        }
        return out;
    }

    static int arrayLength(ProtocolReader r, int minElementSize, boolean flexible) {
        int n = flexible ? r.compactArrayLength(minElementSize) : r.arrayLength(minElementSize);
        if (n < 0) {
            throw new ProtocolException("null array where one is required");
        }
        return n;
    }

    static int tagCount(ProtocolReader r) {
        int count = r.unsignedVarint();
        if (count < 0) {
            throw new ProtocolException("tagged field count " + Integer.toUnsignedString(count));
        }
        return count;
    }

    static int tagSize(ProtocolReader r) {
        int size = r.unsignedVarint();
        if (size < 0) {
            throw new ProtocolException("tagged field size " + Integer.toUnsignedString(size));
        }
        return size;
    }
}
