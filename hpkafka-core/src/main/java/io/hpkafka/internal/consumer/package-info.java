/**
 * The fetch path of every consumer of a client: one {@link io.hpkafka.internal.consumer.FetchEngine} per client with a
 * cursor per consumer and partition, Fetch requests per broker (on up to two fetch connections), start-offset lookups
 * batched per broker ({@link io.hpkafka.internal.consumer.OffsetLookups}), and each consumer's
 * {@link io.hpkafka.internal.consumer.ConsumerFetch}: its positions, its paused topics, and the dispatcher that hands
 * its records to its listeners one at a time.
 */
package io.hpkafka.internal.consumer;
