package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.schema.Field;
import io.hpkafka.internal.protocol.schema.MessageSchema;
import io.hpkafka.internal.protocol.schema.Struct;

import java.util.ArrayList;
import java.util.List;

import static io.hpkafka.internal.protocol.schema.Type.INT16;
import static io.hpkafka.internal.protocol.schema.Type.INT32;
import static io.hpkafka.internal.protocol.schema.Type.INT64;
import static io.hpkafka.internal.protocol.schema.Type.INT8;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * ListOffsets (key 2) v1-v9: per partition, the offset for a timestamp, or the earliest / latest offset. v6+ is
 * flexible; the special timestamps {@link #MAX_TIMESTAMP} (KIP-734), {@link #EARLIEST_LOCAL} (KIP-405) and
 * {@link #LATEST_TIERED} (KIP-1005) need v7, v8 and v9, which {@link #minVersion()} asks for. v9 is the last version
 * both Kafka 3.9 (v0-9) and 4.1 (v1-10) serve. v0 (the "old-style" list of offsets per partition, asked for one at
 * a time here) is sent only by the pinned {@link io.hpkafka.config.Compatibility#V0_8_2} mode.
 *
 * @param isolationLevel {@link #READ_UNCOMMITTED} or {@link #READ_COMMITTED} (v2+)
 * @param topics the partitions asked for
 */
public record ListOffsetsRequest(byte isolationLevel, List<Topic> topics) implements Request<ListOffsetsResponse> {

    /** Asks for the log start offset. */
    public static final long EARLIEST = -2L;
    /** Asks for the high watermark (the offset of the next record to be written). */
    public static final long LATEST = -1L;
    /** Asks for the offset of the record with the highest timestamp (v7+, KIP-734). */
    public static final long MAX_TIMESTAMP = -3L;
    /** Asks for the first offset still on local disk under tiered storage (v8+, KIP-405). */
    public static final long EARLIEST_LOCAL = -4L;
    /** Asks for the last offset already copied to tiered storage (v9+, KIP-1005). */
    public static final long LATEST_TIERED = -5L;

    /** Sees every record. */
    public static final byte READ_UNCOMMITTED = 0;
    /** Sees only committed transactional records: the latest offset is the last stable offset. */
    public static final byte READ_COMMITTED = 1;

    /** The request table (ListOffsetsRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.LIST_OFFSETS, "ListOffsetsRequest",
            Field.of("ReplicaId", INT32, "0+"),
            Field.of("IsolationLevel", INT8, "2+"),
            Field.structs("Topics", "0+",
                    Field.of("Name", STRING, "0+"),
                    Field.structs("Partitions", "0+",
                            Field.of("PartitionIndex", INT32, "0+"),
                            Field.of("CurrentLeaderEpoch", INT32, "4+").withDefault(-1).ignorable(),
                            Field.of("Timestamp", INT64, "0+"),
                            Field.of("MaxNumOffsets", INT32, "0").withDefault(1))));

    /** The response table (ListOffsetsResponse.json). */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.LIST_OFFSETS, "ListOffsetsResponse",
            Field.of("ThrottleTimeMs", INT32, "2+").ignorable(),
            Field.structs("Topics", "0+",
                    Field.of("Name", STRING, "0+"),
                    Field.structs("Partitions", "0+",
                            Field.of("PartitionIndex", INT32, "0+"),
                            Field.of("ErrorCode", INT16, "0+"),
                            Field.array("OldStyleOffsets", INT64, "0"),
                            Field.of("Timestamp", INT64, "1+").withDefault(-1L),
                            Field.of("Offset", INT64, "1+").withDefault(-1L),
                            Field.of("LeaderEpoch", INT32, "4+").withDefault(-1))));

    /** Partitions of one topic. */
    public record Topic(String name, List<Partition> partitions) {
    }

    /**
     * @param partition partition index
     * @param currentLeaderEpoch the leader epoch the client knows (v4+, fences stale leaders), or -1
     * @param timestamp a time in ms since the epoch, or one of the special values of {@link ListOffsetsRequest}
     */
    public record Partition(int partition, int currentLeaderEpoch, long timestamp) {
    }

    /** One partition, read uncommitted, leader epoch not checked. */
    public ListOffsetsRequest(String topic, int partition, long timestamp) {
        this(READ_UNCOMMITTED, List.of(new Topic(topic, List.of(new Partition(partition, -1, timestamp)))));
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_OFFSETS;
    }

    /** @return the lowest version that gives the asked-for timestamps their meaning */
    @Override
    public short minVersion() {
        short min = ApiKey.LIST_OFFSETS.minVersion();
        for (Topic t : topics) {
            for (Partition p : t.partitions()) {
                if (p.timestamp() == MAX_TIMESTAMP) {
                    min = (short) Math.max(min, 7);
                } else if (p.timestamp() == EARLIEST_LOCAL) {
                    min = (short) Math.max(min, 8);
                } else if (p.timestamp() == LATEST_TIERED) {
                    min = (short) Math.max(min, 9);
                }
            }
        }
        return min;
    }

    Struct toStruct() {
        Struct s = REQUEST.newStruct().set("ReplicaId", -1).set("IsolationLevel", isolationLevel);
        List<Struct> ts = new ArrayList<>(topics.size());
        for (Topic t : topics) {
            Struct ts1 = s.newElement("Topics").set("Name", t.name());
            List<Struct> ps = new ArrayList<>(t.partitions().size());
            for (Partition p : t.partitions()) {
                ps.add(ts1.newElement("Partitions").set("PartitionIndex", p.partition())
                        .set("CurrentLeaderEpoch", p.currentLeaderEpoch()).set("Timestamp", p.timestamp()));
            }
            ts.add(ts1.set("Partitions", ps));
        }
        return s.set("Topics", ts);
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        REQUEST.write(w, toStruct(), version);
    }

    @Override
    public ListOffsetsResponse readResponse(ProtocolReader r, short version) {
        return fromStruct(RESPONSE.read(r, version));
    }

    static ListOffsetsResponse fromStruct(Struct s) {
        List<ListOffsetsResponse.PartitionOffset> out = new ArrayList<>();
        for (Struct t : s.getStructs("Topics")) {
            for (Struct p : t.getStructs("Partitions")) {
                long offset = p.getLong("Offset");
                List<?> oldStyle = p.getArray("OldStyleOffsets"); // v0: the offsets found, latest first
                if (oldStyle != null && !oldStyle.isEmpty()) {
                    offset = (Long) oldStyle.get(0);
                }
                out.add(new ListOffsetsResponse.PartitionOffset(t.getString("Name"), p.getInt("PartitionIndex"),
                        p.getShort("ErrorCode"), p.getLong("Timestamp"), offset, p.getInt("LeaderEpoch")));
            }
        }
        return new ListOffsetsResponse(out, s.getInt("ThrottleTimeMs"));
    }
}
