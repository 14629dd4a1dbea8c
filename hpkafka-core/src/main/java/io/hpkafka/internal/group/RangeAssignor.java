package io.hpkafka.internal.group;

import io.hpkafka.record.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code range} strategy, as the Java client's {@code RangeAssignor} computes it without racks: per topic, the
 * subscribed members sorted by id get consecutive ranges of partitions, the first {@code partitions % members} one
 * more than the others.
 */
final class RangeAssignor implements PartitionAssignor {

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, List<String>> subscriptions,
                                                    Map<String, Integer> partitionsPerTopic) {
        Map<String, List<TopicPartition>> out = new TreeMap<>();
        Map<String, List<String>> membersPerTopic = new TreeMap<>();
        subscriptions.forEach((member, topics) -> {
            out.put(member, new ArrayList<>());
            for (String t : topics) {
                membersPerTopic.computeIfAbsent(t, k -> new ArrayList<>()).add(member);
            }
        });
        membersPerTopic.forEach((topic, members) -> {
            Integer count = partitionsPerTopic.get(topic);
            if (count == null) {
                return;
            }
            List<String> sorted = members.stream().distinct().sorted().toList();
            int per = count / sorted.size();
            int extra = count % sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                int start = per * i + Math.min(i, extra);
                int length = per + (i < extra ? 1 : 0);
                for (int p = start; p < start + length; p++) {
                    out.get(sorted.get(i)).add(new TopicPartition(topic, p));
                }
            }
        });
        return out;
    }
}
