package io.hpkafka.consumer;

import io.hpkafka.config.OffsetOutOfRangeStrategy;

/**
 * A consumed partition's position was out of range and moved, per {@code offsetOutOfRangeStrategy}.
 *
 * @param topic topic name
 * @param partition partition index
 * @param outOfRangeOffset the position the broker refused
 * @param newOffset where consumption continues
 * @param strategy the strategy applied
 */
public record OffsetReset(String topic, int partition, long outOfRangeOffset, long newOffset,
                          OffsetOutOfRangeStrategy strategy) {
}
