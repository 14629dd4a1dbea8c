package io.hpkafka.protocol.message;

import io.hpkafka.protocol.ApiKey;
import io.hpkafka.protocol.ProtocolReader;
import io.hpkafka.protocol.ProtocolWriter;
import io.hpkafka.protocol.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * Produce (key 0) v3-v8 with one record batch v2 per partition. The batches are written straight into the request
 * buffer by their {@link BatchWriter}s when the request is encoded, so no intermediate copy is made.
 *
 * @param acks 0, 1 or -1
 * @param timeoutMs how long the broker may wait for the required acks, in ms
 * @param topics per-topic partition data, in the order written
 */
public record ProduceRequest(short acks, int timeoutMs, List<TopicData> topics) implements Request<ProduceResponse> {

    /** Writes one partition's records field content (a record batch, without the int32 size). */
    @FunctionalInterface
    public interface BatchWriter {
        void writeBatch(ProtocolWriter writer);
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

    @Override
    public void write(ProtocolWriter w, short version) {
        w.nullableString(null); // transactional id
        w.int16(acks);
        w.int32(timeoutMs);
        w.arrayLength(topics.size());
        for (TopicData t : topics) {
            w.string(t.topic());
            w.arrayLength(t.partitions().size());
            for (PartitionData p : t.partitions()) {
                w.int32(p.partition());
                int sizeAt = w.skip(4);
                p.batch().writeBatch(w);
                w.setInt32(sizeAt, w.position() - sizeAt - 4);
            }
        }
    }

    @Override
    public ProduceResponse readResponse(ProtocolReader r, short version) {
        int topicCount = r.arrayLength(6);
        List<ProduceResponse.PartitionResult> results = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            String topic = r.string();
            int partitionCount = r.arrayLength(14);
            for (int i = 0; i < partitionCount; i++) {
                int partition = r.int32();
                short error = r.int16();
                long baseOffset = r.int64();
                long logAppendTime = r.int64(); // v2+
                long logStartOffset = version >= 5 ? r.int64() : -1L;
                String message = null;
                if (version >= 8) {
                    int recordErrors = r.arrayLength(6);
                    for (int e = 0; e < recordErrors; e++) {
                        r.int32();
                        r.nullableString();
                    }
                    message = r.nullableString();
                }
                results.add(new ProduceResponse.PartitionResult(topic, partition, error, baseOffset, logAppendTime,
                        logStartOffset, message));
            }
        }
        r.int32(); // throttle time
        return new ProduceResponse(results);
    }
}
