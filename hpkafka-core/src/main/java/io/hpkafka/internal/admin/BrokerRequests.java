package io.hpkafka.internal.admin;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.network.Connection;
import io.hpkafka.internal.network.UnsupportedVersionException;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where administrative requests go, and the retry loop they share. Every operation has a deadline of
 * {@code clientRequestTimeoutMs} from its start; a failed attempt is tried again after {@link #BACKOFF_MS} until then.
 * Requests travel on the client's shared connections: they are small and brokers answer them quickly (topic creation
 * in KRaft is a controller write, not a wait for replicas).
 * <p>
 * Thread rule: thread-safe (the running operations are a concurrent set, {@code closed} is volatile); callbacks run
 * on the connections' decode threads or the timer.
 */
final class BrokerRequests {

    /** Pause between two attempts, in ms. */
    static final long BACKOFF_MS = 100;

    private final ClientContext context;
    /** Every operation's result not yet complete, so that closing the client can fail them. */
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    BrokerRequests(ClientContext context) {
        this.context = context;
    }

    /**
     * Tracks an operation's result until it completes; fails it at once when the client has closed.
     *
     * @return {@code result}
     */
    <T> CompletableFuture<T> track(CompletableFuture<T> result) {
        running.add(result);
        result.whenComplete((v, e) -> running.remove(result));
        if (closed) {
            result.completeExceptionally(new KafkaClientException("client closed"));
        }
        return result;
    }

    /**
     * Fails every running operation with "client closed": their retries, queued on the timer that closing stops,
     * would never run. Later operations fail at once.
     */
    void close() {
        closed = true;
        for (CompletableFuture<?> f : List.copyOf(running)) {
            f.completeExceptionally(new KafkaClientException("client closed"));
        }
    }

    /** @return the deadline of an operation starting now, in {@code clock.nanoTime()} units */
    long deadline() {
        return context.clock().nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs());
    }

    /** @return the client's request timeout, in ms: how long one operation may retry */
    long timeoutMs() {
        return context.configuration().clientRequestTimeoutMs();
    }

    /**
     * @return how long a broker may wait for a topic to be created or deleted before it answers REQUEST_TIMED_OUT,
     *     in ms: three quarters of the request timeout, so that its answer arrives before our own timeout fires
     */
    int brokerTimeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMs() * 3 / 4));
    }

    boolean expired(long deadline) {
        return context.clock().nanoTime() - deadline >= 0;
    }

    /**
     * Sends {@code request} to a known broker or a seed, moving on to the next one when a connection fails.
     *
     * @return a future of the answer; fails with {@link KafkaClientException} when none answers before
     *     {@code deadline}, with {@link UnsupportedVersionException} when a broker lacks the API, or at once with an
     *     {@link AuthenticationException} when a broker refuses this client
     */
    <R> CompletableFuture<R> anyBroker(Request<R> request, long deadline) {
        CompletableFuture<R> result = track(new CompletableFuture<>());
        if (!result.isDone()) {
            attempt(request, candidates(), 0, deadline, result, null);
        }
        return result;
    }

    private <R> void attempt(Request<R> request, List<Connection> candidates, int index, long deadline,
                             CompletableFuture<R> result, Throwable last) {
        if (result.isDone()) {
            return; // failed by close
        }
        // The first try always goes out: a retry round that starts just past the deadline then ends with the
        // broker's own last answer, not with a "no broker answered" that was never true.
        if (last != null && expired(deadline)) {
            result.completeExceptionally(new KafkaClientException("no broker answered " + request.apiKey()
                    + " within clientRequestTimeoutMs=" + timeoutMs() + " ms; last error: " + unwrap(last).getMessage(),
                    last));
            return;
        }
        if (index >= candidates.size()) { // a full round failed: pause, then go round again
            schedule(() -> attempt(request, candidates(), 0, deadline, result, last));
            return;
        }
        candidates.get(index).send(request).whenComplete((response, error) -> {
            if (error == null) {
                result.complete(response);
            } else if (unwrap(error) instanceof UnsupportedVersionException
                    || unwrap(error) instanceof AuthenticationException) {
                // Another broker would refuse the same way: credentials, trust or a listener of another protocol.
                result.completeExceptionally(unwrap(error));
            } else {
                attempt(request, candidates, index + 1, deadline, result, error);
            }
        });
    }

    /** @return a future of the cluster's brokers and controller id (Metadata for no topic) */
    CompletableFuture<MetadataResponse> cluster(long deadline) {
        return anyBroker(new MetadataRequest(List.of(), false), deadline);
    }

    /**
     * Sends {@code request} to the broker the metadata names as controller, or to any broker when it names none.
     * In KRaft the "controller" of the Metadata response is a live broker, which forwards controller requests to the
     * real controller quorum (KIP-590); with ZooKeeper it is the controller itself.
     */
    <R> CompletableFuture<R> toController(Request<R> request, long deadline) {
        return cluster(deadline).thenCompose(m -> {
            for (MetadataResponse.Broker b : m.brokers()) {
                if (b.nodeId() == m.controllerId()) {
                    return node(b.nodeId(), new BrokerAddress(b.host(), b.port())).send(request);
                }
            }
            return anyBroker(request, deadline);
        });
    }

    /** @return the shared connection to broker {@code nodeId} */
    Connection node(int nodeId, BrokerAddress address) {
        return context.connections().node(nodeId, address);
    }

    /**
     * Runs {@code attempt} until it gives a value, pausing {@link #BACKOFF_MS} between tries. An attempt failing with
     * a network error is tried again; with a {@link KafkaClientException} (no broker in time, an error the broker
     * answered) the operation fails.
     *
     * @param what the operation, for the timeout message
     * @return a future of the value; fails with {@link KafkaClientException} naming the last reason at the deadline
     */
    <T> CompletableFuture<T> retrying(String what, long deadline, Supplier<CompletableFuture<Attempt<T>>> attempt) {
        CompletableFuture<T> result = track(new CompletableFuture<>());
        if (!result.isDone()) {
            retry(what, deadline, attempt, result);
        }
        return result;
    }

    private <T> void retry(String what, long deadline, Supplier<CompletableFuture<Attempt<T>>> attempt,
                           CompletableFuture<T> result) {
        if (result.isDone()) {
            return; // failed by close
        }
        attempt.get().whenComplete((a, error) -> {
            String reason;
            if (error != null) {
                Throwable e = unwrap(error);
                if (e instanceof KafkaClientException) {
                    result.completeExceptionally(e);
                    return;
                }
                reason = String.valueOf(e.getMessage());
            } else if (a.retryReason() == null) {
                result.complete(a.value());
                return;
            } else {
                reason = a.retryReason();
            }
            if (expired(deadline)) {
                result.completeExceptionally(new KafkaClientException(what + " did not succeed within "
                        + "clientRequestTimeoutMs=" + timeoutMs() + " ms; last: " + reason));
            } else {
                schedule(() -> retry(what, deadline, attempt, result));
            }
        });
    }

    /** Runs {@code task} on the timer after {@link #BACKOFF_MS}. */
    void schedule(Runnable task) {
        context.timer().schedule(task, BACKOFF_MS, TimeUnit.MILLISECONDS);
    }

    /** Known brokers first (in random order, to spread load), then the seeds. */
    private List<Connection> candidates() {
        List<Connection> list = new ArrayList<>();
        for (Map.Entry<Integer, BrokerAddress> e : context.metadata().current().brokers().entrySet()) {
            list.add(context.connections().node(e.getKey(), e.getValue()));
        }
        Collections.shuffle(list);
        list.addAll(context.connections().seeds());
        return list;
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * The outcome of one attempt: a value, or the reason to try again.
     *
     * @param value the value when done
     * @param retryReason why to try again, or null when done
     */
    record Attempt<T>(T value, String retryReason) {

        static <T> Attempt<T> done(T value) {
            return new Attempt<>(value, null);
        }

        static <T> Attempt<T> again(String reason) {
            return new Attempt<>(null, reason);
        }
    }
}
