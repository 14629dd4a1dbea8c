package io.hpkafka.internal.group;

import io.hpkafka.record.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code roundrobin} strategy, as the Java client's {@code RoundRobinAssignor} computes it: every partition of
 * every subscribed topic, sorted by topic then index, dealt in turn to the members sorted by id, skipping a member
 * not subscribed to the partition's topic.
 */
final class RoundRobinAssignor implements PartitionAssignor {

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, List<String>> subscriptions,
                                                    Map<String, Integer> partitionsPerTopic) {
        Map<String, List<TopicPartition>> out = new TreeMap<>();
        subscriptions.keySet().forEach(m -> out.put(m, new ArrayList<>()));
        List<String> members = new ArrayList<>(out.keySet());
        if (members.isEmpty()) {
            return out;
        }
        TreeMap<String, Integer> topics = new TreeMap<>();
        subscriptions.values().forEach(ts -> ts.forEach(t -> {
            Integer count = partitionsPerTopic.get(t);
            if (count != null) {
                topics.put(t, count);
            }
        }));
        int next = 0;
        for (Map.Entry<String, Integer> t : topics.entrySet()) {
            for (int p = 0; p < t.getValue(); p++) {
                while (!subscriptions.get(members.get(next)).contains(t.getKey())) {
                    next = (next + 1) % members.size();
                }
                out.get(members.get(next)).add(new TopicPartition(t.getKey(), p));
                next = (next + 1) % members.size();
            }
        }
        return out;
    }
}
