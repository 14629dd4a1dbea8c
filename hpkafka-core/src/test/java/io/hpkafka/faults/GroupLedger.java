package io.hpkafka.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.hpkafka.ClusterClient;
import io.hpkafka.record.TopicPartition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the members of one group did: which member owned which partition in which assignment (from assigned and
 * revoked events), each delivery, and each commit. The rules it checks, per partition:
 * <ul>
 *   <li>a record is delivered only by the member that owns its partition at that moment;</li>
 *   <li>within one assignment (assigned → revoked, one member) each offset is delivered at most once, in
 *   increasing order;</li>
 *   <li>an offset delivered again in a later assignment is one the group had not committed past when it was
 *   delivered again (at-least-once across rebalances: only uncommitted records come back);</li>
 *   <li>committed offsets (OffsetsCommitted events of every member) never decrease.</li>
 * </ul>
 * Without a rebalance there is a single assignment, so the rules amount to exactly once.
 */
final class GroupLedger {

    final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<TopicPartition, String> owner = new HashMap<>();
    /** Assignment serial per partition: increases at each assigned event. */
    private final Map<TopicPartition, Integer> assignment = new HashMap<>();
    private final Map<TopicPartition, Long> lastInAssignment = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** tp@offset → assignment serials that delivered it. */
    private final Map<String, List<Integer>> deliveries = new HashMap<>();
    private final Map<TopicPartition, Set<Long>> offsets = new HashMap<>();
    private final Set<Integer> ids = new HashSet<>();
    private int redeliveries;
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
                    assignment.merge(tp, 1, Integer::sum);
                    lastInAssignment.remove(tp);
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
            synchronized (this) {
                if (!name.equals(owner.get(tp))) {
                    violations.add(name + " delivered " + tp + "@" + r.offset() + " owned by " + owner.get(tp));
                }
                int serial = assignment.getOrDefault(tp, 0);
                Long last = lastInAssignment.put(tp, r.offset());
                if (last != null && r.offset() <= last) {
                    violations.add(name + " delivered " + tp + "@" + r.offset() + " after @" + last
                            + " in one assignment");
                }
                List<Integer> serials = deliveries.computeIfAbsent(tp + "@" + r.offset(), k -> new ArrayList<>(1));
                if (!serials.isEmpty()) {
                    redeliveries++;
                    long committedNow = committed.getOrDefault(tp, -1L);
                    if (serials.contains(serial)) {
                        violations.add(name + " delivered " + tp + "@" + r.offset() + " twice in one assignment");
                    } else if (r.offset() < committedNow) {
                        violations.add(name + " delivered " + tp + "@" + r.offset() + " again below the committed "
                                + committedNow);
                    }
                }
                serials.add(serial);
                offsets.computeIfAbsent(tp, k -> new HashSet<>()).add(r.offset());
                ids.add(SteadyProducer.id(r.value()));
            }
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
        for (var e : ends.entrySet()) {
            if (offsets.getOrDefault(e.getKey(), Set.of()).size() < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Asserts the rules of the class and that every offset below {@code ends} was delivered. */
    synchronized void assertDeliveredEveryOffset(Map<TopicPartition, Long> ends) {
        assertThat(violations).isEmpty();
        ends.forEach((tp, end) -> {
            Set<Long> seen = offsets.getOrDefault(tp, Set.of());
            for (long o = 0; o < end; o++) {
                assertThat(seen).as("%s delivered", tp).contains(o);
            }
            assertThat(seen).as("%s beyond its end %d", tp, end).allMatch(o -> o < end);
        });
    }

    /** @return the record numbers delivered, a copy */
    synchronized Set<Integer> ids() {
        return new HashSet<>(ids);
    }

    /** @return the committed offset per partition, highest seen */
    synchronized Map<TopicPartition, Long> committed() {
        return Map.copyOf(committed);
    }

    synchronized int redeliveries() {
        return redeliveries;
    }

    synchronized int assignments() {
        return assignments;
    }

    synchronized int commits() {
        return commits;
    }
}
