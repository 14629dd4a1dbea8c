package io.hpkafka.internal.group;

import io.hpkafka.record.TopicPartition;
import io.hpkafka.config.AssignmentStrategy;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Our range and roundrobin assignors give what the Java client's give, on random groups. */
class AssignorTest {

    @Test
    void rangeAndRoundRobinMatchTheJavaClient() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int topicCount = 1 + random.nextInt(4);
            Map<String, Integer> partitions = new TreeMap<>();
            for (int t = 0; t < topicCount; t++) {
                partitions.put("t" + t, 1 + random.nextInt(13));
            }
            int members = 1 + random.nextInt(7);
            Map<String, List<String>> ours = new HashMap<>();
            Map<String, ConsumerPartitionAssignor.Subscription> theirs = new HashMap<>();
            for (int m = 0; m < members; m++) {
                List<String> topics = partitions.keySet().stream().filter(t -> random.nextInt(3) > 0).toList();
                if (topics.isEmpty()) {
                    topics = List.of("t0");
                }
                String id = "member-" + Integer.toHexString(random.nextInt());
                ours.put(id, topics);
                theirs.put(id, new ConsumerPartitionAssignor.Subscription(topics));
            }
            assertThat(PartitionAssignor.of(AssignmentStrategy.RANGE).assign(ours, partitions))
                    .as("range, round %d", round).isEqualTo(convert(new RangeAssignor().assign(partitions, theirs)));
            assertThat(PartitionAssignor.of(AssignmentStrategy.ROUND_ROBIN).assign(ours, partitions))
                    .as("roundrobin, round %d", round)
                    .isEqualTo(convert(new RoundRobinAssignor().assign(partitions, theirs)));
        }
    }

    private static Map<String, List<TopicPartition>> convert(
            Map<String, List<org.apache.kafka.common.TopicPartition>> in) {
        Map<String, List<TopicPartition>> out = new TreeMap<>();
        in.forEach((m, ps) -> out.put(m, ps.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList()));
        return out;
    }
}
