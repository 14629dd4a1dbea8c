package io.hpkafka.internal.cluster;

import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.network.Connection;
import io.hpkafka.internal.concurrent.Clock;
import io.hpkafka.internal.network.Connections;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the client's {@link ClusterMetadata} fresh: refreshed on demand (coalesced: concurrent callers share one
 * request), and every {@code refreshMetadataInterval}. A refresh asks a known broker, or the seeds when none answers,
 * and gives up after {@code clientRequestTimeoutMs} with a {@link KafkaClientException} naming what was tried.
 */
public final class MetadataManager {

    private static final Logger log = LoggerFactory.getLogger(MetadataManager.class);
    /** Pause between two rounds over every candidate broker, in ms: a down cluster is not hammered. */
    private static final long ROUND_BACKOFF_MS = 100;
    /** The internal topics of brokers that answer Metadata v0, which has no {@code is_internal} flag. */
    private static final Set<String> LEGACY_INTERNAL_TOPICS = Set.of("__consumer_offsets", "__transaction_state");
    /** {@link #ageMs()} before the first Metadata answer. */
    public static final long NEVER = -1;

    private final Connections connections;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final long timeoutMs;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private volatile ClusterMetadata current = ClusterMetadata.EMPTY;
    /** {@code clock.nanoTime()} when {@link #current} was last replaced by an answer, or {@code Long.MIN_VALUE}. */
    private volatile long updatedNanos = Long.MIN_VALUE;
    private volatile boolean closed;

    // Guarded by this.
    private CompletableFuture<ClusterMetadata> inFlight;
    private int inFlightCoversVersion;
    private int topicsVersion;

    /**
     * @param timeoutMs how long one refresh may try before failing, in ms (the client request timeout)
     * @param refreshIntervalMs period of the background refresh, in ms
     */
    public MetadataManager(Connections connections, ScheduledExecutorService timer, Clock clock, long timeoutMs,
                           long refreshIntervalMs) {
        this.connections = connections;
        this.timer = timer;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
        timer.scheduleWithFixedDelay(() -> refresh().exceptionally(e -> null), refreshIntervalMs, refreshIntervalMs,
                TimeUnit.MILLISECONDS);
    }

    /** Stops refreshing: later refreshes fail at once with "client closed". Call before the timer shuts down. */
    public void close() {
        closed = true;
    }

    /** @return the latest snapshot; never null */
    public ClusterMetadata current() {
        return current;
    }

    /** @return ms since the latest Metadata answer was merged into {@link #current()}, or {@link #NEVER} */
    public long ageMs() {
        long updated = updatedNanos;
        return updated == Long.MIN_VALUE ? NEVER : TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - updated);
    }

    /**
     * Refreshes metadata for every topic of interest plus {@code topic}.
     *
     * @return a future of the new snapshot; fails with {@link KafkaClientException} when no broker answers in time
     */
    public CompletableFuture<ClusterMetadata> refresh(String topic) {
        if (topics.add(topic)) {
            synchronized (this) {
                topicsVersion++;
            }
        }
        return refresh();
    }

    /** Refreshes metadata for every topic of interest; see {@link #refresh(String)}. */
    public synchronized CompletableFuture<ClusterMetadata> refresh() {
        if (closed) {
            return CompletableFuture.failedFuture(new KafkaClientException("client closed"));
        }
        // A completed request may still be set here: its dependents run before the callback that clears it.
        if (inFlight != null && !inFlight.isDone()) {
            if (inFlightCoversVersion >= topicsVersion) {
                return inFlight;
            }
            // Topics were added after the running request was built: ask again once it ends.
            return inFlight.handle((m, e) -> null).thenCompose(x -> refresh());
        }
        CompletableFuture<ClusterMetadata> future = new CompletableFuture<>();
        inFlight = future;
        inFlightCoversVersion = topicsVersion;
        ask(new MetadataRequest(new ArrayList<>(topics), true)).whenComplete((response, error) -> {
            if (error != null) {
                future.completeExceptionally(error);
                return;
            }
            ClusterMetadata next;
            synchronized (this) {
                next = current.merge(response);
                current = next;
                updatedNanos = clock.nanoTime();
            }
            future.complete(next);
        });
        future.whenComplete((m, e) -> {
            synchronized (this) {
                if (inFlight == future) {
                    inFlight = null;
                }
            }
        });
        return future;
    }

    /**
     * Asks for every topic of the cluster (a Metadata request with a null topic array; an empty one in v0), apart from
     * the refreshes: the answer is not merged into {@link #current()}, so the client goes on tracking only the topics
     * it uses.
     *
     * @return a future of the names of every topic but the internal ones ({@code is_internal}, such as
     *     {@code __consumer_offsets}); fails with {@link KafkaClientException} when no broker answers within the
     *     request timeout
     */
    public CompletableFuture<Set<String>> topicNames() {
        return ask(new MetadataRequest(null, false)).thenApply(response -> {
            Set<String> names = new HashSet<>();
            for (MetadataResponse.Topic t : response.topics()) {
                // v0 has no is_internal flag: the two internal topics of those brokers are known by name.
                if (t.name() != null && !t.internal() && !LEGACY_INTERNAL_TOPICS.contains(t.name())) {
                    names.add(t.name());
                }
            }
            return Set.copyOf(names);
        });
    }

    /**
     * Sends {@code request} to a known broker, or the seeds, moving on to the next candidate when one fails.
     *
     * @return a future of the answer; fails with {@link KafkaClientException} when none answers within the timeout
     */
    private CompletableFuture<MetadataResponse> ask(MetadataRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(new KafkaClientException("client closed"));
        }
        CompletableFuture<MetadataResponse> future = new CompletableFuture<>();
        long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        List<Connection> candidates = candidates();
        attempt(request, candidates, 0, deadline, future, null);
        // A request parked behind a reconnect back-off must not stretch the wait past the timeout.
        ScheduledFuture<?> timeout = timer.schedule(
                () -> future.completeExceptionally(timeoutError(candidates, null)), timeoutMs, TimeUnit.MILLISECONDS);
        future.whenComplete((m, e) -> timeout.cancel(false));
        return future;
    }

    /**
     * Returns the metadata of {@code topic}, refreshing while it is unknown or has no partitions (a topic being
     * auto-created answers LEADER_NOT_AVAILABLE for a moment), for at most the request timeout.
     *
     * @return a future of the topic; fails with {@link KafkaClientException} naming the broker's error or the timeout
     */
    public CompletableFuture<TopicMetadata> topic(String topic) {
        TopicMetadata known = current.topic(topic);
        if (known != null && known.usable()) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<TopicMetadata> result = new CompletableFuture<>();
        awaitTopic(topic, clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), result);
        return result;
    }

    private void awaitTopic(String topic, long deadline, CompletableFuture<TopicMetadata> result) {
        refresh(topic).whenComplete((snapshot, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            TopicMetadata t = snapshot.topic(topic);
            if (t != null && t.usable()) {
                result.complete(t);
            } else if (clock.nanoTime() - deadline >= 0 || (t != null && t.errorCode() != Errors.NONE
                    && !Errors.isRetriable(t.errorCode()))) {
                String why = t == null ? "not in the metadata response" : Errors.name(t.errorCode());
                result.completeExceptionally(new KafkaClientException("topic '" + topic + "' is not available: "
                        + why + " (waited up to clientRequestTimeoutMs=" + timeoutMs + " ms)"));
            } else {
                timer.schedule(() -> awaitTopic(topic, deadline, result), ROUND_BACKOFF_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Known brokers first (in random order, to spread load), then the seeds. */
    private List<Connection> candidates() {
        List<Connection> list = new ArrayList<>();
        for (Map.Entry<Integer, BrokerAddress> e : current.brokers().entrySet()) {
            list.add(connections.node(e.getKey(), e.getValue()));
        }
        Collections.shuffle(list);
        list.addAll(connections.seeds());
        return list;
    }

    private KafkaClientException timeoutError(List<Connection> candidates, Throwable lastError) {
        List<String> tried = candidates.stream().map(c -> c.address().toString()).distinct().toList();
        return new KafkaClientException("no broker answered a Metadata request within clientRequestTimeoutMs="
                + timeoutMs + " ms; tried " + tried
                + (lastError == null ? "" : "; last error: " + lastError.getMessage()), lastError);
    }

    private void attempt(MetadataRequest request, List<Connection> candidates, int index, long deadline,
                         CompletableFuture<MetadataResponse> future, Throwable lastError) {
        if (future.isDone()) {
            return; // timed out meanwhile
        }
        if (clock.nanoTime() - deadline >= 0) {
            future.completeExceptionally(timeoutError(candidates, lastError));
            return;
        }
        if (index >= candidates.size()) {
            timer.schedule(() -> attempt(request, candidates(), 0, deadline, future, lastError), ROUND_BACKOFF_MS,
                    TimeUnit.MILLISECONDS);
            return;
        }
        Connection connection = candidates.get(index);
        connection.send(request).whenComplete((response, error) -> {
            if (error != null) {
                log.debug("Metadata request to {} failed: {}", connection.address(), error.toString());
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof AuthenticationException) {
                    future.completeExceptionally(cause); // retrying cannot fix credentials or trust: fail fast
                    return;
                }
                attempt(request, candidates, index + 1, deadline, future, error);
                return;
            }
            future.complete(response);
        });
    }
}
