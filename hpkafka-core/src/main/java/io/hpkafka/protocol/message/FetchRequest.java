package io.hpkafka.protocol.message;

import io.hpkafka.protocol.ApiKey;
import io.hpkafka.protocol.ProtocolException;
import io.hpkafka.protocol.ProtocolReader;
import io.hpkafka.protocol.ProtocolWriter;
import io.hpkafka.protocol.Request;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetch (key 1) v4-v11, without fetch sessions (session id 0, epoch -1: a full fetch every time), read uncommitted.
 *
 * @param maxWaitMs how long the broker may hold the request waiting for {@code minBytes}, in ms
 * @param minBytes bytes the broker waits for
 * @param maxBytes response-wide byte limit (KIP-74: the first batch is returned whole even if larger)
 * @param topics what to fetch, in request order
 */
public record FetchRequest(int maxWaitMs, int minBytes, int maxBytes, List<Topic> topics)
        implements Request<FetchResponse> {

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

    @Override
    public void write(ProtocolWriter w, short version) {
        w.int32(-1); // replica id: a consumer
        w.int32(maxWaitMs);
        w.int32(minBytes);
        w.int32(maxBytes); // v3+
        w.int8(0); // isolation level (v4+): read uncommitted
        if (version >= 7) {
            w.int32(0); // session id: no fetch session
            w.int32(-1); // session epoch: full fetch
        }
        w.arrayLength(topics.size());
        for (Topic t : topics) {
            w.string(t.topic());
            w.arrayLength(t.partitions().size());
            for (Partition p : t.partitions()) {
                w.int32(p.partition());
                if (version >= 9) {
                    w.int32(-1); // current leader epoch: not checked
                }
                w.int64(p.fetchOffset());
                if (version >= 5) {
                    w.int64(-1L); // log start offset: followers only
                }
                w.int32(p.partitionMaxBytes());
            }
        }
        if (version >= 7) {
            w.arrayLength(0); // forgotten topics
        }
        if (version >= 11) {
            w.string(""); // rack id
        }
    }

    @Override
    public FetchResponse readResponse(ProtocolReader r, short version) {
        r.int32(); // throttle time
        short topError = version >= 7 ? r.int16() : 0;
        if (version >= 7) {
            r.int32(); // session id
        }
        int topicCount = r.arrayLength(6);
        List<FetchResponse.PartitionData> out = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            String topic = r.string();
            int partitionCount = r.arrayLength(38);
            for (int i = 0; i < partitionCount; i++) {
                int partition = r.int32();
                short error = r.int16();
                long highWatermark = r.int64();
                long lastStable = r.int64(); // v4+
                long logStart = version >= 5 ? r.int64() : -1L;
                int aborted = r.arrayLength(16);
                for (int a = 0; a < aborted; a++) {
                    r.int64();
                    r.int64();
                }
                if (version >= 11) {
                    r.int32(); // preferred read replica
                }
                int size = r.int32();
                if (size < -1) {
                    throw new ProtocolException("negative record set size " + size);
                }
                ByteBuffer records = size <= 0 ? ByteBuffer.allocate(0) : r.slice(size);
                out.add(new FetchResponse.PartitionData(topic, partition, error, highWatermark, lastStable, logStart,
                        records));
            }
        }
        return new FetchResponse(topError, out);
    }
}
