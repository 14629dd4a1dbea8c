package io.hpkafka.protocol.message;

import io.hpkafka.protocol.ApiKey;
import io.hpkafka.protocol.ProtocolReader;
import io.hpkafka.protocol.ProtocolWriter;
import io.hpkafka.protocol.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * ListOffsets (key 2) v1-v5 for one topic-partition: the offset for a timestamp, or the earliest / latest offset.
 *
 * @param topic topic name
 * @param partition partition index
 * @param timestamp {@link #EARLIEST}, {@link #LATEST} or a time in ms since the epoch
 */
public record ListOffsetsRequest(String topic, int partition, long timestamp) implements Request<ListOffsetsResponse> {

    /** Asks for the log start offset. */
    public static final long EARLIEST = -2L;
    /** Asks for the high watermark (the offset of the next record to be written). */
    public static final long LATEST = -1L;

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_OFFSETS;
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        w.int32(-1); // replica id: a consumer
        if (version >= 2) {
            w.int8(0); // isolation level: read uncommitted
        }
        w.arrayLength(1);
        w.string(topic);
        w.arrayLength(1);
        w.int32(partition);
        if (version >= 4) {
            w.int32(-1); // current leader epoch: unknown
        }
        w.int64(timestamp);
    }

    @Override
    public ListOffsetsResponse readResponse(ProtocolReader r, short version) {
        if (version >= 2) {
            r.int32(); // throttle time
        }
        List<ListOffsetsResponse.PartitionOffset> out = new ArrayList<>(1);
        int topics = r.arrayLength(6);
        for (int t = 0; t < topics; t++) {
            String name = r.string();
            int partitions = r.arrayLength(22);
            for (int p = 0; p < partitions; p++) {
                int index = r.int32();
                short error = r.int16();
                long ts = r.int64();
                long offset = r.int64();
                int epoch = version >= 4 ? r.int32() : -1;
                out.add(new ListOffsetsResponse.PartitionOffset(name, index, error, ts, offset, epoch));
            }
        }
        return new ListOffsetsResponse(out);
    }
}
