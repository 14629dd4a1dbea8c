package io.hpkafka.internal.consumer;

import io.hpkafka.consumer.StartPosition;
import io.hpkafka.config.Configuration;
import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.cluster.MetadataManager;
import io.hpkafka.internal.cluster.PartitionMetadata;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.concurrent.Clock;
import io.hpkafka.internal.network.Connections;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.ListOffsetsRequest;
import io.hpkafka.internal.protocol.message.ListOffsetsResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Start-offset lookups of consumed partitions, batched per leader as the seed driver batches its consume requests.
 * A lookup goes out at once when no ListOffsets request (API key 2) is in flight to its broker; lookups that arrive
 * meanwhile wait for that answer and then go together, or sooner when {@code consumeBatchSize} of them wait, and at
 * most {@code consumeBufferingTime} after the first (the seed's "at most"). So a single start costs no wait, and many
 * starts share few requests. Every consumer of a client shares these batches, and so do the client's
 * {@code earliestOffset} / {@code latestOffset}: there is one ListOffsets path. Thread-safe (one lock, held only to add
 * or take a batch).
 */
public final class OffsetLookups {

    private final Configuration config;
    private final MetadataManager metadata;
    private final Connections connections;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    // Guarded by this.
    private final Map<Integer, Batch> pending = new HashMap<>();
    /** Brokers with a ListOffsets request of ours in flight. Guarded by this. */
    private final java.util.Set<Integer> inFlight = new java.util.HashSet<>();

    /** @param context the client's shared parts */
    public OffsetLookups(ClientContext context) {
        this.config = context.configuration();
        this.metadata = context.metadata();
        this.connections = context.connections();
        this.timer = context.timer();
        this.clock = context.clock();
    }

    /**
     * Looks up one offset, retrying what may pass (no leader yet, a leader change, a connection error) until
     * {@code clientRequestTimeoutMs} has gone by.
     *
     * @param timestamp {@link StartPosition#EARLIEST}, {@link StartPosition#LATEST}, or ms since the epoch
     * @return a future of the offset; fails with {@link KafkaClientException} naming the last error
     */
    public CompletableFuture<Long> offset(TopicPartition tp, long timestamp) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.clientRequestTimeoutMs());
        offset(tp, timestamp, deadline, result);
        return result;
    }

    private void offset(TopicPartition tp, long timestamp, long deadline, CompletableFuture<Long> result) {
        lookup(tp, timestamp).whenComplete((offset, error) -> {
            if (error == null) {
                result.complete(offset);
                return;
            }
            Throwable cause = FetchEngine.unwrap(error);
            if (!(cause instanceof RetriableLookup) || clock.nanoTime() - deadline >= 0) {
                result.completeExceptionally(cause instanceof KafkaClientException ? cause
                        : new KafkaClientException("ListOffsets for " + tp + " did not succeed within"
                        + " clientRequestTimeoutMs=" + config.clientRequestTimeoutMs() + " ms: " + cause.getMessage(),
                        cause));
                return;
            }
            metadata.refresh(tp.topic());
            timer.schedule(() -> offset(tp, timestamp, deadline, result), FetchEngine.ERROR_BACKOFF_MS,
                    TimeUnit.MILLISECONDS);
        });
    }

    /**
     * @param timestamp {@link StartPosition#EARLIEST}, {@link StartPosition#LATEST} or ms since the epoch
     * @return the offset; fails with a {@link LookupRefused} (the broker refused for good), a {@link RetriableLookup}
     *     the caller may retry, or another {@link KafkaClientException} (metadata could not be had)
     */
    CompletableFuture<Long> lookup(TopicPartition tp, long timestamp) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        metadata.topic(tp.topic()).whenComplete((topic, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            PartitionMetadata p = topic.partition(tp.partition());
            if (p == null) {
                result.completeExceptionally(new KafkaClientException("topic '" + tp.topic() + "' has no partition "
                        + tp.partition()));
            } else if (!p.hasLeader() || metadata.current().broker(p.leaderId()) == null) {
                result.completeExceptionally(new RetriableLookup("LEADER_NOT_AVAILABLE"));
            } else {
                add(p.leaderId(), tp, timestamp, result);
            }
        });
        return result;
    }

    private void add(int leaderId, TopicPartition tp, long timestamp, CompletableFuture<Long> result) {
        Batch older = null;
        Batch now = null;
        // One decision under one lock: an answer arriving between two would leave a batch waiting for nothing.
        synchronized (this) {
            Batch batch = pending.get(leaderId);
            if (batch == null && !inFlight.contains(leaderId)) {
                now = new Batch(); // nothing in flight to this broker: no reason to wait
                now.lookups.put(tp, new Lookup(timestamp, result));
                inFlight.add(leaderId);
            } else {
                if (batch != null && batch.lookups.containsKey(tp)) {
                    older = pending.remove(leaderId); // a partition appears once per request: send the older now
                    batch = null;
                }
                if (batch == null) {
                    batch = new Batch();
                    pending.put(leaderId, batch);
                    Batch scheduled = batch;
                    batch.timer = timer.schedule(() -> flush(leaderId, scheduled),
                            config.consumeBufferingTime().toNanos(), TimeUnit.NANOSECONDS);
                }
                batch.lookups.put(tp, new Lookup(timestamp, result));
                if (batch.lookups.size() >= config.consumeBatchSize()) {
                    pending.remove(leaderId);
                    batch.timer.cancel(false);
                    inFlight.add(leaderId);
                    now = batch;
                }
            }
        }
        if (older != null) {
            older.timer.cancel(false);
            send(leaderId, older);
        }
        if (now != null) {
            send(leaderId, now);
        }
    }

    /** An answer came back from {@code leaderId}: what waited for it goes now. */
    private void answered(int leaderId) {
        Batch next;
        synchronized (this) {
            next = pending.remove(leaderId);
            if (next == null) {
                inFlight.remove(leaderId);
                return;
            }
            next.timer.cancel(false);
        }
        send(leaderId, next);
    }

    private void flush(int leaderId, Batch batch) {
        synchronized (this) {
            if (pending.get(leaderId) != batch) {
                return; // already sent
            }
            pending.remove(leaderId);
            inFlight.add(leaderId);
        }
        send(leaderId, batch);
    }

    private void send(int leaderId, Batch batch) {
        BrokerAddress address = metadata.current().broker(leaderId);
        if (address == null) {
            batch.lookups.values().forEach(l -> l.result.completeExceptionally(new RetriableLookup(
                    "broker " + leaderId + " left the cluster")));
            answered(leaderId);
            return;
        }
        Map<String, List<ListOffsetsRequest.Partition>> byTopic = new LinkedHashMap<>();
        batch.lookups.forEach((tp, l) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(new ListOffsetsRequest.Partition(tp.partition(), -1, l.timestamp)));
        List<ListOffsetsRequest.Topic> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(new ListOffsetsRequest.Topic(t, ps)));
        connections.node(leaderId, address).send(new ListOffsetsRequest(ListOffsetsRequest.READ_UNCOMMITTED, topics))
                .whenComplete((response, error) -> {
                    complete(batch, response, error);
                    answered(leaderId);
                });
    }

    private static void complete(Batch batch, ListOffsetsResponse response, Throwable error) {
        Map<TopicPartition, ListOffsetsResponse.PartitionOffset> results = new HashMap<>();
        if (response != null) {
            response.partitions().forEach(po -> results.put(new TopicPartition(po.topic(), po.partition()), po));
        }
        batch.lookups.forEach((tp, l) -> {
            ListOffsetsResponse.PartitionOffset po = results.get(tp);
            if (error != null) {
                l.result.completeExceptionally(new RetriableLookup(String.valueOf(error.getMessage())));
            } else if (po == null) {
                l.result.completeExceptionally(new RetriableLookup("no result for " + tp));
            } else if (po.errorCode() == Errors.NONE) {
                l.result.complete(po.offset());
            } else if (Errors.isRetriable(po.errorCode())) {
                l.result.completeExceptionally(new RetriableLookup(Errors.name(po.errorCode())));
            } else {
                l.result.completeExceptionally(new LookupRefused("ListOffsets for " + tp + " failed: "
                        + Errors.name(po.errorCode())));
            }
        });
    }

    /** The broker refused the lookup with an error that asking again cannot mend (authorization, for example). */
    static final class LookupRefused extends KafkaClientException {
        LookupRefused(String message) {
            super(message);
        }
    }

    /** A lookup failed for a reason that may pass: no leader yet, a leader change, a connection error. */
    static final class RetriableLookup extends RuntimeException {
        RetriableLookup(String message) {
            super(message, null, false, false);
        }
    }

    private record Lookup(long timestamp, CompletableFuture<Long> result) {
    }

    /** Lookups waiting for one broker, in arrival order. */
    private static final class Batch {
        final Map<TopicPartition, Lookup> lookups = new LinkedHashMap<>();
        ScheduledFuture<?> timer;
    }
}
