package io.hpkafka.internal.producer;

import io.hpkafka.config.CompressionCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Compresses the batches of Produce requests on the driver's pool, side by side, before the requests go out, so that
 * the costliest step of the produce path does not run batch after batch on the network thread. Requests to one
 * broker are handed back in the order they were given, whichever finished compressing first: a partition's batches
 * reach the broker in order. Touched only by the producer's actor, except the compression tasks themselves.
 */
final class BatchCompressor {

    private static final Logger log = LoggerFactory.getLogger(BatchCompressor.class);

    /** Receives a request's batches once all of them are compressed; on the actor. */
    interface Ready {
        void send(int leaderId, List<PartitionBatch> batches);
    }

    private final CompressionCodec codec;
    private final Executor pool;
    private final Executor actor;
    private final Ready ready;
    private final EncodeBuffers buffers = new EncodeBuffers();
    /** Per broker, the requests still compressing or waiting for an earlier one, in the order given. */
    private final Map<Integer, ArrayDeque<Request>> pending = new HashMap<>();

    /**
     * @param pool where batches are compressed
     * @param actor the producer's serial executor, where {@code ready} runs
     */
    BatchCompressor(CompressionCodec codec, Executor pool, Executor actor, Ready ready) {
        this.codec = codec;
        this.pool = pool;
        this.actor = actor;
        this.ready = ready;
    }

    /** Compresses every batch of one request to {@code leaderId}; on the actor. */
    void compress(int leaderId, List<PartitionBatch> batches) {
        Request request = new Request(batches);
        pending.computeIfAbsent(leaderId, k -> new ArrayDeque<>()).add(request);
        Runnable compressed = () -> {
            if (--request.remaining == 0) {
                sendCompressed(leaderId);
            }
        };
        for (PartitionBatch b : batches) {
            try {
                pool.execute(() -> {
                    b.encode(codec, buffers);
                    actor.execute(compressed);
                });
            } catch (RejectedExecutionException e) { // a caller's executor shutting down: compress here instead
                b.encode(codec, buffers);
                compressed.run();
            }
        }
    }

    private void sendCompressed(int leaderId) {
        ArrayDeque<Request> queue = pending.get(leaderId);
        while (queue != null && !queue.isEmpty() && queue.peek().remaining == 0) {
            List<PartitionBatch> batches = queue.poll().batches;
            try {
                ready.send(leaderId, batches);
            } catch (RuntimeException e) { // a bug: the requests behind this one must still go out
                log.error("Sending compressed batches to broker {} failed", leaderId, e);
            }
        }
        if (queue != null && queue.isEmpty()) {
            pending.remove(leaderId);
        }
    }

    /** A request whose batches are being compressed; {@code remaining} counts down on the actor. */
    private static final class Request {
        final List<PartitionBatch> batches;
        int remaining;

        Request(List<PartitionBatch> batches) {
            this.batches = batches;
            this.remaining = batches.size();
        }
    }
}
