package io.hpkafka.internal.group;

import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.protocol.ProtocolException;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subscriptions and assignments against the Java client's ConsumerProtocol, at every version it writes. */
class ConsumerProtocolTest {

    private static final short LATEST = org.apache.kafka.common.message.ConsumerProtocolSubscription.HIGHEST_SUPPORTED_VERSION;

    @Test
    void theJavaClientReadsOurSubscriptionAndAssignment() {
        byte[] subscription = io.hpkafka.internal.group.ConsumerProtocol.encodeSubscription(List.of("orders", "päyments"));
        ConsumerPartitionAssignor.Subscription s = ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(subscription));
        assertThat(s.topics()).containsExactly("orders", "päyments");
        assertThat(s.userData()).isNull();

        byte[] assignment = io.hpkafka.internal.group.ConsumerProtocol.encodeAssignment(List.of(new TopicPartition("a", 2),
                new TopicPartition("b", 0), new TopicPartition("a", 5)));
        ConsumerPartitionAssignor.Assignment a = ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(assignment));
        assertThat(a.partitions()).containsExactlyInAnyOrder(new org.apache.kafka.common.TopicPartition("a", 2),
                new org.apache.kafka.common.TopicPartition("b", 0), new org.apache.kafka.common.TopicPartition("a", 5));
    }

    @Test
    void weReadTheJavaClientsSubscriptionAndAssignmentAtEveryVersion() {
        for (short v = 0; v <= LATEST; v++) {
            ConsumerPartitionAssignor.Subscription s = new ConsumerPartitionAssignor.Subscription(List.of("x", "y"),
                    ByteBuffer.wrap(new byte[] {1, 2, 3}), List.of(new org.apache.kafka.common.TopicPartition("x", 1)),
                    7, Optional.of("rack-1"));
            assertThat(io.hpkafka.internal.group.ConsumerProtocol.decodeSubscription(bytes(
                    ConsumerProtocol.serializeSubscription(s, v)))).as("v%d", v).containsExactly("x", "y");

            ConsumerPartitionAssignor.Assignment a = new ConsumerPartitionAssignor.Assignment(List.of(
                    new org.apache.kafka.common.TopicPartition("x", 3), new org.apache.kafka.common.TopicPartition("y", 0)),
                    ByteBuffer.wrap(new byte[] {9}));
            assertThat(io.hpkafka.internal.group.ConsumerProtocol.decodeAssignment(bytes(
                    ConsumerProtocol.serializeAssignment(a, v)))).as("v%d", v)
                    .containsExactlyInAnyOrder(new TopicPartition("x", 3), new TopicPartition("y", 0));
        }
    }

    @Test
    void anEmptyAssignmentAssignsNothingAndATruncatedOneIsAProtocolError() {
        assertThat(io.hpkafka.internal.group.ConsumerProtocol.decodeAssignment(new byte[0])).isEmpty();
        byte[] good = io.hpkafka.internal.group.ConsumerProtocol.encodeAssignment(List.of(new TopicPartition("t", 1)));
        for (int cut = 1; cut < good.length - 4; cut++) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> io.hpkafka.internal.group.ConsumerProtocol.decodeAssignment(truncated))
                    .as("cut at %d", cut).isInstanceOf(ProtocolException.class);
        }
        byte[] huge = ByteBuffer.allocate(6).putShort((short) 0).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> io.hpkafka.internal.group.ConsumerProtocol.decodeSubscription(huge))
                .isInstanceOf(ProtocolException.class);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
