package io.hpkafka.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.hpkafka.ClusterClient;
import io.hpkafka.record.TopicPartition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the members of one group did, checked as it happens: which member owns which partition (from assigned and
 * revoked events), each delivery, each commit. The rules, per partition, for topics without transactions or
 * compaction (offsets are contiguous):
 * <ul>
 *   <li>a record is delivered only by the member that owns its partition at that moment;</li>
 *   <li>within one assignment (assigned → revoked, one member) offsets are delivered once each, in order, without a
 *   gap;</li>
 *   <li>an assignment starts at or above the highest offset the group committed so far (only uncommitted records
 *   are delivered again: at-least-once across rebalances), and never beyond the highest offset delivered + 1 (no
 *   record skipped);</li>
 *   <li>committed offsets (OffsetsCommitted events of every member) never decrease.</li>
 * </ul>
 * Without a rebalance there is one assignment per partition, so the rules amount to exactly once. Memory is per
 * partition, not per record, so a soak can use it.
 */
final class GroupLedger {

    final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<TopicPartition, String> owner = new HashMap<>();
    /** Next offset expected in the current assignment; absent right after an assignment. */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> highest = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final IdSet ids = new IdSet();
    private long deliveries;
    private long redeliveries;
    private int assignments;
    private int commits;

    void attach(ClusterClient client, String name) {
        client.onPartitionsAssigned(e -> {
            synchronized (this) {
                assignments++;
                for (TopicPartition tp : e.partitions()) {
                    String previous = owner.putIfAbsent(tp, name);
                    if (previous != null) {
                        violations.add(name + " was assigned " + tp + " still owned by " + previous);
                    }
                    next.remove(tp);
                }
            }
        });
        client.onPartitionsRevoked(e -> {
            synchronized (this) {
                e.partitions().forEach(tp -> owner.remove(tp, name));
            }
        });
        client.onOffsetsCommitted(e -> {
            synchronized (this) {
                commits++;
                e.offsets().forEach((tp, offset) -> {
                    Long before = committed.get(tp);
                    if (before != null && offset < before) {
                        violations.add(name + " committed " + tp + "@" + offset + " after " + before);
                    }
                    committed.merge(tp, offset, Math::max);
                });
            }
        });
        client.onMessageReceived(r -> {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            long offset = r.offset();
            synchronized (this) {
                deliveries++;
                if (!name.equals(owner.get(tp))) {
                    violations.add(name + " delivered " + tp + "@" + offset + " owned by " + owner.get(tp));
                }
                long high = highest.getOrDefault(tp, -1L);
                Long expected = next.get(tp);
                if (expected == null) {
                    long committedNow = committed.getOrDefault(tp, 0L);
                    if (offset < committedNow) {
                        violations.add(name + " started " + tp + " at " + offset + " below the committed "
                                + committedNow);
                    }
                    if (offset > high + 1) {
                        violations.add(name + " started " + tp + " at " + offset + ", skipping from " + (high + 1));
                    }
                } else if (offset != expected) {
                    violations.add(name + " delivered " + tp + "@" + offset + " where @" + expected
                            + " was next in its assignment");
                }
                if (offset <= high) {
                    redeliveries++;
                }
                next.put(tp, offset + 1);
                highest.put(tp, Math.max(high, offset));
            }
            ids.add(SteadyProducer.id(r.value()));
        });
    }

    /** @return how many partitions each member owns now */
    synchronized Map<String, Integer> ownership() {
        Map<String, Integer> counts = new HashMap<>();
        owner.values().forEach(m -> counts.merge(m, 1, Integer::sum));
        return counts;
    }

    /** @return true once every offset below {@code ends} was delivered */
    synchronized boolean deliveredUpTo(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> highest.getOrDefault(e.getKey(), -1L) + 1 >= e.getValue());
    }

    /**
     * @return per partition short of {@code ends}: its end, the highest offset delivered, its owner, the next offset
     *     expected and the last commit, for a failure message that says where a group stalled
     */
    synchronized String behind(Map<TopicPartition, Long> ends) {
        StringBuilder out = new StringBuilder();
        ends.forEach((tp, end) -> {
            long delivered = highest.getOrDefault(tp, -1L);
            if (delivered + 1 < end) {
                out.append(tp).append(": end ").append(end).append(", delivered up to ").append(delivered)
                        .append(", owner ").append(owner.get(tp)).append(", next ").append(next.get(tp))
                        .append(", committed ").append(committed.get(tp)).append("; ");
            }
        });
        return out.length() == 0 ? "nothing behind" : out.toString();
    }

    /** Asserts the rules of the class and that every offset below {@code ends}, and none beyond, was delivered. */
    synchronized void assertDeliveredEveryOffset(Map<TopicPartition, Long> ends) {
        assertThat(violations).isEmpty();
        ends.forEach((tp, end) -> assertThat(highest.getOrDefault(tp, -1L) + 1).as("%s delivered up to", tp)
                .isEqualTo(end));
    }

    /** @return the record numbers delivered */
    IdSet ids() {
        return ids;
    }

    synchronized long deliveries() {
        return deliveries;
    }

    synchronized long redeliveries() {
        return redeliveries;
    }

    synchronized int assignments() {
        return assignments;
    }

    synchronized int commits() {
        return commits;
    }
}
