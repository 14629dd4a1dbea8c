package io.hpkafka.boot.autoconfigure.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerContainer;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.stats.ClusterState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of a {@link ClusterClient}: UP while some broker has answered the client within the response timeout, DOWN
 * with the reason otherwise. The details list the brokers of the latest metadata (id, host, port, connected, age of
 * their last answer in ms, and the error of a failed connection attempt since the last ready one with its age in
 * ms), the metadata's age, the age of the latest answer, the seeds, and each listener
 * container's state (running, paused, group, topics, assigned partitions).
 * <p>
 * A client with nothing to do hears from the cluster only every {@code refreshMetadataInterval}. So when no broker
 * has answered for half the response timeout, or no connection is ready, a check asks for the cluster's topics (one
 * Metadata request, shared by the checks that come while it runs) and waits for the answer at most the probe
 * timeout; a check never blocks longer than that. When no connection is ready and the latest attempt to connect to
 * every known broker (or seed) failed ({@link ClusterState#allConnectionsFailing()}), the check is DOWN at once,
 * without waiting, with that attempt's error in the reason. Thread-safe.
 */
public class HpKafkaHealthIndicator extends AbstractHealthIndicator {

    private static final long PROBE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ClusterClient client;

    private final @Nullable HpKafkaListenerEndpointRegistry registry;

    private final long responseTimeoutMs;

    private final long probeTimeoutMs;

    /** The Metadata request a check sent, until it completes; later checks wait on it instead of sending another. */
    private final AtomicReference<@Nullable CompletableFuture<?>> probe = new AtomicReference<>();

    /**
     * Creates an indicator.
     * @param client the client whose view of the cluster is reported
     * @param registry the listener containers to list in the details, or null for none
     * @param responseTimeout longest time without an answer from any broker before DOWN; positive
     * @param probeTimeout longest time a check waits for the Metadata request it sent; zero or positive
     * @throws IllegalArgumentException if a timeout is negative, or the response timeout zero
     */
    public HpKafkaHealthIndicator(ClusterClient client, @Nullable HpKafkaListenerEndpointRegistry registry,
            Duration responseTimeout, Duration probeTimeout) {
        super("hpkafka health check failed");
        this.client = Objects.requireNonNull(client, "client");
        this.registry = registry;
        if (responseTimeout.isNegative() || responseTimeout.isZero() || probeTimeout.isNegative()) {
            throw new IllegalArgumentException("responseTimeout must be positive and probeTimeout not negative, got "
                    + responseTimeout + " and " + probeTimeout);
        }
        this.responseTimeoutMs = responseTimeout.toMillis();
        this.probeTimeoutMs = probeTimeout.toMillis();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ClusterState state = this.client.clusterState();
        if (!state.allConnectionsFailing()
                && (!state.answeredWithin(this.responseTimeoutMs / 2) || !anyConnected(state))) {
            awaitProbe();
            state = this.client.clusterState();
        }
        if (state.allConnectionsFailing()) {
            builder.down().withDetail("reason", failingReason(state));
        }
        else if (state.answeredWithin(this.responseTimeoutMs)) {
            builder.up();
        }
        else {
            builder.down().withDetail("reason", downReason(state));
        }
        builder.withDetail("brokers", brokers(state))
            .withDetail("metadataAgeMs", state.metadataAgeMs())
            .withDetail("lastResponseAgeMs", state.lastResponseAgeMs())
            .withDetail("seeds", this.client.configuration().seeds().stream().map(Object::toString).toList());
        if (this.registry != null) {
            builder.withDetail("listenerContainers", containers(this.registry.getListenerContainers()));
        }
    }

    private static boolean anyConnected(ClusterState state) {
        return state.brokers().stream().anyMatch(ClusterState.Broker::connected)
                || state.seeds().stream().anyMatch(ClusterState.Broker::connected);
    }

    private static String failingReason(ClusterState state) {
        return state.latestFailure()
            .map((broker) -> "no connection to any broker is ready; the last attempt, to " + broker.host() + ":"
                    + broker.port() + " " + broker.lastErrorAgeMs() + " ms ago, failed: " + broker.lastError())
            .orElse("no connection to any broker is ready");
    }

    private String downReason(ClusterState state) {
        if (state.lastResponseAgeMs() == ClusterState.NEVER) {
            return "no broker has answered yet (response timeout " + this.responseTimeoutMs + " ms)";
        }
        return "no broker answered within " + this.responseTimeoutMs + " ms; the last answer came "
                + state.lastResponseAgeMs() + " ms ago";
    }

    /** Sends a Metadata request unless one is running, and waits for it at most the probe timeout. */
    private void awaitProbe() {
        CompletableFuture<?> running = this.probe.get();
        if (running == null || running.isDone()) {
            CompletableFuture<?> sent = this.client.topics();
            running = this.probe.compareAndSet(running, sent) ? sent : this.probe.get();
        }
        if (running == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.probeTimeoutMs);
        try {
            // Polled so that a probe whose every connection attempt already failed does not hold the check.
            while (!running.isDone() && !this.client.clusterState().allConnectionsFailing()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    running.get(Math.min(left, PROBE_POLL_NANOS), TimeUnit.NANOSECONDS);
                }
                catch (TimeoutException ex) {
                    // not answered yet: look at the connections again
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException ex) {
            // The state read next says what came of it: an unanswered probe leaves the last answer's age as it was.
        }
    }

    private static List<Map<String, Object>> brokers(ClusterState state) {
        List<Map<String, Object>> brokers = new ArrayList<>();
        for (ClusterState.Broker broker : state.brokers()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("id", broker.nodeId());
            details.put("host", broker.host());
            details.put("port", broker.port());
            details.put("connected", broker.connected());
            details.put("lastResponseAgeMs", broker.lastResponseAgeMs());
            if (broker.lastError() != null) {
                details.put("lastError", broker.lastError());
                details.put("lastErrorAgeMs", broker.lastErrorAgeMs());
            }
            brokers.add(details);
        }
        return brokers;
    }

    private static Map<String, Map<String, Object>> containers(Collection<HpKafkaListenerContainer> containers) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (HpKafkaListenerContainer container : containers) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", container.isRunning());
            details.put("paused", container.isPaused());
            String groupId = container.getGroupId();
            if (groupId != null) {
                details.put("groupId", groupId);
            }
            details.put("topics", container.getTopics());
            details.put("assignedPartitions", container.getAssignedPartitions().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition))
                .map((partition) -> partition.topic() + "-" + partition.partition())
                .toList());
            byId.put(container.getListenerId(), details);
        }
        return byId;
    }

}
