package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetch (key 1) v4-v12, and v0-v3 (legacy message sets: magic 0 up to v1, magic 1 in v2-v3) for the pinned
 * {@link io.hpkafka.config.Compatibility} modes only; without fetch sessions (session id 0, epoch -1: a full fetch
 * every time), read uncommitted.
 * v12 is flexible and its partitions may carry the current leader (KIP-951 style leader discovery, tag 1), a
 * diverging epoch (tag 0) and a snapshot id (tag 2). v13+ name topics by id (KIP-516) and are left out until the
 * client tracks topic ids. Hand-written rather than table-driven: this is the hot path, and the records stay a view
 * over the response frame.
 *
 * @param maxWaitMs how long the broker may hold the request waiting for {@code minBytes}, in ms
 * @param minBytes bytes the broker waits for
 * @param maxBytes response-wide byte limit (v3+, KIP-74: the first batch is returned whole even if larger)
 * @param topics what to fetch, in request order
 */
public record FetchRequest(int maxWaitMs, int minBytes, int maxBytes, List<Topic> topics)
        implements Request<FetchResponse> {

    private static final ByteBuffer NO_RECORDS = ByteBuffer.allocate(0);

    /** Partitions of one topic to fetch. */
    public record Topic(String topic, List<Partition> partitions) {
    }

    /**
     * @param fetchOffset offset of the first record wanted
     * @param partitionMaxBytes per-partition byte limit
     */
    public record Partition(int partition, long fetchOffset, int partitionMaxBytes) {
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FETCH;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Request

    @Override
    public void write(ProtocolWriter w, short version) {
        boolean flexible = ApiKey.FETCH.isFlexible(version);
        w.int32(-1); // replica id: a consumer
        w.int32(maxWaitMs);
        w.int32(minBytes);
        if (version >= 3) {
            w.int32(maxBytes);
        }
        if (version >= 4) {
            w.int8(0); // isolation level: read uncommitted
        }
        if (version >= 7) {
            w.int32(0); // session id: no fetch session
            w.int32(-1); // session epoch: full fetch
        }
        arrayLength(w, topics.size(), flexible);
        for (Topic t : topics) {
            string(w, t.topic(), flexible);
            arrayLength(w, t.partitions().size(), flexible);
            for (Partition p : t.partitions()) {
                w.int32(p.partition());
                if (version >= 9) {
                    w.int32(-1); // current leader epoch: not checked
                }
                w.int64(p.fetchOffset());
                if (version >= 12) {
                    w.int32(-1); // last fetched epoch: no divergence check
                }
                if (version >= 5) {
                    w.int64(-1L); // log start offset: followers only
                }
                w.int32(p.partitionMaxBytes());
                if (flexible) {
                    w.emptyTaggedFields();
                }
            }
            if (flexible) {
                w.emptyTaggedFields();
            }
        }
        if (version >= 7) {
            arrayLength(w, 0, flexible); // forgotten topics
        }
        if (version >= 11) {
            string(w, "", flexible); // rack id
        }
        if (flexible) {
            w.emptyTaggedFields(); // no cluster id (tag 0)
        }
    }

    private static void arrayLength(ProtocolWriter w, int n, boolean flexible) {
        if (flexible) {
            w.compactArrayLength(n);
        } else {
            w.arrayLength(n);
        }
    }

    private static void string(ProtocolWriter w, String s, boolean flexible) {
        if (flexible) {
            w.compactString(s);
        } else {
            w.string(s);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Response

    /** The records of the response are views into its frame: see {@link FetchResponse#frame()}. */
    @Override
    public boolean retainsFrame() {
        return true;
    }

    @Override
    public FetchResponse readResponse(ProtocolReader r, short version) {
        boolean flexible = ApiKey.FETCH.isFlexible(version);
        int throttleTimeMs = version >= 1 ? r.int32() : 0;
        short topError = version >= 7 ? r.int16() : 0;
        int sessionId = version >= 7 ? r.int32() : 0;
        int topicCount = ProduceRequest.arrayLength(r, flexible ? 3 : 6, flexible);
        List<FetchResponse.PartitionData> out = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            String topic = flexible ? r.compactString() : r.string();
            int partitionCount = ProduceRequest.arrayLength(r, minPartitionSize(version, flexible), flexible);
            for (int i = 0; i < partitionCount; i++) {
                out.add(readPartition(r, version, flexible, topic));
            }
            if (flexible) {
                r.skipTaggedFields();
            }
        }
        if (flexible) {
            r.skipTaggedFields(); // NodeEndpoints (tag 0) exists from v16 only
        }
        return new FetchResponse(topError, out, throttleTimeMs, sessionId, r.buffer());
    }

    /** The fewest bytes a partition entry takes: a bound on the partition count a frame can hold. */
    private static int minPartitionSize(short version, boolean flexible) {
        int size = 4 + 2 + 8 + (version >= 4 ? 8 : 0) + (version >= 5 ? 8 : 0) + (version >= 11 ? 4 : 0);
        return size + (flexible ? 1 + 1 + 1 : (version >= 4 ? 4 : 0) + 4); // aborted transactions, records, tags
    }

    private static FetchResponse.PartitionData readPartition(ProtocolReader r, short version, boolean flexible,
                                                             String topic) {
        int partition = r.int32();
        short error = r.int16();
        long highWatermark = r.int64();
        long lastStable = version >= 4 ? r.int64() : -1L;
        long logStart = version >= 5 ? r.int64() : -1L;
        List<FetchResponse.AbortedTransaction> aborted = version >= 4 ? readAborted(r, flexible) : List.of();
        int preferredReadReplica = version >= 11 ? r.int32() : -1;
        int size = flexible ? r.compactRecordsLength() : r.recordsLength();
        ByteBuffer records = size <= 0 ? NO_RECORDS.duplicate() : r.slice(size);
        int leaderId = -1;
        int leaderEpoch = -1;
        if (flexible) {
            int count = ProduceRequest.tagCount(r);
            for (int n = 0; n < count; n++) {
                int tag = r.unsignedVarint();
                ProtocolReader field = new ProtocolReader(r.slice(ProduceRequest.tagSize(r)));
                if (tag == 1) { // CurrentLeader; DivergingEpoch (0) and SnapshotId (2) concern followers
                    leaderId = field.int32();
                    leaderEpoch = field.int32();
                    field.skipTaggedFields();
                }
            }
        }
        return new FetchResponse.PartitionData(topic, partition, error, highWatermark, lastStable, logStart,
                records, aborted, preferredReadReplica, leaderId, leaderEpoch);
    }

    private static List<FetchResponse.AbortedTransaction> readAborted(ProtocolReader r, boolean flexible) {
        int n = flexible ? r.compactArrayLength(17) : r.arrayLength(16);
        if (n <= 0) {
            return List.of(); // null (-1) or empty
        }
        List<FetchResponse.AbortedTransaction> out = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            long producerId = r.int64();
            long firstOffset = r.int64();
            if (flexible) {
                r.skipTaggedFields();
            }
            out.add(new FetchResponse.AbortedTransaction(producerId, firstOffset));
        }
        return out;
    }
}
