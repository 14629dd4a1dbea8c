package io.hpkafka.internal.group;

import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.protocol.ProtocolException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code consumer} protocol type's member metadata (subscription, in JoinGroup) and assignment (in SyncGroup), in
 * the classic encoding the Java client's {@code ConsumerProtocol} uses, so both clients read each other:
 * <pre>
 * Subscription v0: version int16, topics [string], user_data nullable bytes
 *   (v1+ append owned partitions, v2+ a generation id, v3+ a rack id: read past, never needed by range/roundrobin)
 * Assignment v0:   version int16, [topic string, partitions [int32]], user_data nullable bytes
 * </pre>
 * Lengths are checked against the bytes present: a malformed payload is a {@link ProtocolException}, never a large
 * allocation.
 */
public final class ConsumerProtocol {

    /** The JoinGroup protocol type of consumer groups. */
    public static final String PROTOCOL_TYPE = "consumer";
    /** The version this client writes; every reader understands v0. */
    private static final short VERSION = 0;

    private ConsumerProtocol() {
    }

    /** @return the subscription of {@code topics}, version 0, without user data */
    public static byte[] encodeSubscription(List<String> topics) {
        int size = 2 + 4 + 4;
        List<byte[]> names = new ArrayList<>(topics.size());
        for (String t : topics) {
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            names.add(b);
            size += 2 + b.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putShort(VERSION).putInt(names.size());
        names.forEach(b -> buf.putShort((short) b.length).put(b));
        buf.putInt(-1); // no user data
        return buf.array();
    }

    /** @return the topics of a subscription of any version (later fields are ignored) */
    public static List<String> decodeSubscription(byte[] bytes) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            checkVersion(buf.getShort());
            int n = count(buf, 2);
            List<String> topics = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                topics.add(string(buf));
            }
            return topics;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("truncated consumer subscription");
        }
    }

    /** @return the assignment of {@code partitions}, version 0, grouped by topic in first-seen order */
    public static byte[] encodeAssignment(List<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        int size = 2 + 4 + 4;
        for (Map.Entry<String, List<Integer>> e : byTopic.entrySet()) {
            size += 2 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 4 + 4 * e.getValue().size();
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putShort(VERSION).putInt(byTopic.size());
        byTopic.forEach((topic, ps) -> {
            byte[] name = topic.getBytes(StandardCharsets.UTF_8);
            buf.putShort((short) name.length).put(name).putInt(ps.size());
            ps.forEach(buf::putInt);
        });
        buf.putInt(-1); // no user data
        return buf.array();
    }

    /** @return the partitions of an assignment of any version; an empty or null payload assigns nothing */
    public static List<TopicPartition> decodeAssignment(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return List.of(); // what the coordinator sends a member the leader gave nothing
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            checkVersion(buf.getShort());
            int topics = count(buf, 2 + 4);
            List<TopicPartition> out = new ArrayList<>();
            for (int i = 0; i < topics; i++) {
                String topic = string(buf);
                int n = count(buf, 4);
                for (int j = 0; j < n; j++) {
                    out.add(new TopicPartition(topic, buf.getInt()));
                }
            }
            return out;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("truncated consumer assignment");
        }
    }

    private static void checkVersion(short version) {
        if (version < 0) {
            throw new ProtocolException("negative consumer protocol version " + version);
        }
    }

    /** Reads an array length, refusing one the remaining bytes cannot hold at {@code minElementBytes} each. */
    private static int count(ByteBuffer buf, int minElementBytes) {
        int n = buf.getInt();
        if (n < 0 || (long) n * minElementBytes > buf.remaining()) {
            throw new ProtocolException("consumer protocol array of " + n + " elements does not fit in "
                    + buf.remaining() + " bytes");
        }
        return n;
    }

    private static String string(ByteBuffer buf) {
        int len = buf.getShort();
        if (len < 0 || len > buf.remaining()) {
            throw new ProtocolException("consumer protocol string of " + len + " bytes does not fit in "
                    + buf.remaining() + " bytes");
        }
        String s = new String(buf.array(), buf.arrayOffset() + buf.position(), len, StandardCharsets.UTF_8);
        buf.position(buf.position() + len);
        return s;
    }
}
