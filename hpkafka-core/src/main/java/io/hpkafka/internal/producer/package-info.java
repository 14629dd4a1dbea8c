/**
 * The produce path, in the order a record takes it: {@link io.hpkafka.internal.producer.RecordIntake} (a lock-free
 * hand-off to the actor), routing per topic ({@link io.hpkafka.internal.producer.TopicRoute},
 * {@link io.hpkafka.internal.producer.PartitionChooser}), batches per broker ({@code Accumulator},
 * {@code PartitionBatch}), compression off the network thread ({@code BatchCompressor}), Produce requests and their
 * answers ({@link io.hpkafka.internal.producer.ProducerEngine}), and every record's one outcome
 * ({@code RecordOutcomes}).
 */
package io.hpkafka.internal.producer;
