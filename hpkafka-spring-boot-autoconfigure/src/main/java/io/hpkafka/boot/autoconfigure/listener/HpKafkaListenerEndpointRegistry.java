package io.hpkafka.boot.autoconfigure.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.hpkafka.ClusterClient;
import io.hpkafka.event.Registration;
import io.hpkafka.record.KafkaRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;

/**
 * Holds the {@link HpKafkaListenerEndpoint endpoints} and owns their lifecycle: on {@link #start()} it subscribes to
 * the {@link ClusterClient}'s received records, asks the client to consume every partition of every listened topic,
 * and from then on routes each record to the endpoints of its topic. It starts after the application context is
 * refreshed and, being a late-phase {@link SmartLifecycle}, stops before singletons (the client among them) are
 * destroyed.
 * <p>
 * The client delivers records one at a time, so endpoints never run concurrently. A listener that throws is logged
 * with the record's topic, partition and offset; the next record is delivered as usual.
 * <p>
 * Stopping pauses the listened topics in the client (positions are kept exactly) and unsubscribes; a restart resumes
 * them at the next undelivered offset of each partition.
 */
public class HpKafkaListenerEndpointRegistry implements SmartLifecycle {

    /**
     * Name of the registry bean the auto-configuration defines.
     */
    public static final String BEAN_NAME = "hpKafkaListenerEndpointRegistry";

    /**
     * Lifecycle phase: late, so that listening starts after, and stops before, ordinary lifecycle beans.
     */
    public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 100;

    // Between two polls of partitionsFor while a topic has no partition yet (auto-creation in progress).
    private static final long PARTITIONS_RETRY_MS = 100;

    private static final Log logger = LogFactory.getLog(HpKafkaListenerEndpointRegistry.class);

    private final ClusterClient clusterClient;

    /** Guards the following fields. */
    private final Object lifecycleMonitor = new Object();

    private final Map<String, HpKafkaListenerEndpoint> endpoints = new LinkedHashMap<>();

    // Topics the client was told to consume, with the start position used; the client cannot take it back.
    private final Map<String, StartFrom> consumedTopics = new HashMap<>();

    private @Nullable Registration registration;

    private volatile boolean running;

    // Read on the client's dispatch thread for every record; replaced as a whole (copy on write).
    private volatile Map<String, HpKafkaListenerEndpoint[]> routes = Map.of();

    /**
     * Creates a registry.
     * @param clusterClient the client records are consumed with; the wait for a topic's partitions at start is
     * bounded by its {@code clientRequestTimeoutMs}
     */
    public HpKafkaListenerEndpointRegistry(ClusterClient clusterClient) {
        this.clusterClient = clusterClient;
    }

    /**
     * Registers an endpoint. When the registry is already running, consumption of its topics starts at once.
     * @param endpoint the endpoint
     * @throws IllegalStateException if another endpoint has the same id, or listens to one of its topics from a
     * different {@link StartFrom}
     */
    public void registerEndpoint(HpKafkaListenerEndpoint endpoint) {
        synchronized (this.lifecycleMonitor) {
            HpKafkaListenerEndpoint existing = this.endpoints.get(endpoint.getId());
            if (existing != null) {
                throw new IllegalStateException("Two @HpKafkaListener endpoints have the id '" + endpoint.getId()
                        + "': " + existing.getAdapter().getMethod() + " and " + endpoint.getAdapter().getMethod());
            }
            for (String topic : endpoint.getTopics()) {
                checkStartFrom(topic, endpoint);
            }
            this.endpoints.put(endpoint.getId(), endpoint);
            if (this.running) {
                this.routes = buildRoutes();
                consume(endpoint);
            }
        }
    }

    // The client reads each partition once, from one position: listeners of a topic must agree on it.
    private void checkStartFrom(String topic, HpKafkaListenerEndpoint endpoint) {
        for (HpKafkaListenerEndpoint other : this.endpoints.values()) {
            if (other.getTopics().contains(topic) && other.getStartFrom() != endpoint.getStartFrom()) {
                throw new IllegalStateException("@HpKafkaListener endpoints '" + other.getId() + "' ("
                        + other.getStartFrom() + ") and '" + endpoint.getId() + "' (" + endpoint.getStartFrom()
                        + ") listen to topic '" + topic + "' from different positions; the client reads a partition"
                        + " once, so give them the same startFrom");
            }
        }
        StartFrom consumed = this.consumedTopics.get(topic);
        if (consumed != null && consumed != endpoint.getStartFrom()) {
            throw new IllegalStateException("Topic '" + topic + "' is already consumed from " + consumed
                    + "; endpoint '" + endpoint.getId() + "' asks for " + endpoint.getStartFrom());
        }
    }

    /**
     * Returns the endpoint with the given id.
     * @param id the id
     * @return the endpoint, or {@code null} if there is none
     */
    public @Nullable HpKafkaListenerEndpoint getListenerEndpoint(String id) {
        synchronized (this.lifecycleMonitor) {
            return this.endpoints.get(id);
        }
    }

    /**
     * Returns every registered endpoint.
     * @return the endpoints in registration order, a copy
     */
    public Collection<HpKafkaListenerEndpoint> getListenerEndpoints() {
        synchronized (this.lifecycleMonitor) {
            return List.copyOf(this.endpoints.values());
        }
    }

    /**
     * Subscribes to the client's records and starts consuming every partition of the endpoints' topics.
     * @throws IllegalStateException if a topic's partitions are not known within the client request timeout (the
     * topic does not exist, or the cluster cannot be reached); start-up then fails
     */
    @Override
    public void start() {
        synchronized (this.lifecycleMonitor) {
            if (this.running) {
                return;
            }
            this.routes = buildRoutes();
            try {
                for (HpKafkaListenerEndpoint endpoint : this.endpoints.values()) {
                    consume(endpoint);
                }
            }
            catch (RuntimeException ex) {
                unsubscribe();
                throw ex;
            }
            this.running = true;
        }
    }

    /**
     * Pauses the listened topics and unsubscribes from the client's records: no listener method is called for a
     * record delivered after this returns.
     */
    @Override
    public void stop() {
        synchronized (this.lifecycleMonitor) {
            this.running = false;
            this.consumedTopics.keySet().forEach(this.clusterClient::pause);
            unsubscribe();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    // Called with lifecycleMonitor held.
    private void consume(HpKafkaListenerEndpoint endpoint) {
        if (this.registration == null) {
            this.registration = this.clusterClient.onMessageReceived(this::dispatch);
        }
        for (String topic : endpoint.getTopics()) {
            if (this.consumedTopics.containsKey(topic)) {
                this.clusterClient.resume(topic); // a restart after stop(); a no-op otherwise
                continue;
            }
            List<Integer> partitions = partitionsOf(topic);
            for (int partition : partitions) {
                if (endpoint.getStartFrom() == StartFrom.EARLIEST) {
                    this.clusterClient.consumeFromEarliest(topic, partition);
                }
                else {
                    this.clusterClient.consumeFromLatest(topic, partition);
                }
            }
            this.consumedTopics.put(topic, endpoint.getStartFrom());
            logger.info(LogMessage.format("Consuming topic '%s' (%d partition%s) from %s", topic, partitions.size(),
                    (partitions.size() != 1) ? "s" : "", endpoint.getStartFrom()));
        }
    }

    // Called with lifecycleMonitor held.
    private void unsubscribe() {
        if (this.registration != null) {
            this.registration.close();
            this.registration = null;
        }
    }

    // Waits for the topic's partitions; an empty answer or an error is asked again, as a topic the broker is
    // creating (auto-creation, or just created by an admin) has no leaders for a short while.
    private List<Integer> partitionsOf(String topic) {
        long timeoutMs = this.clusterClient.configuration().clientRequestTimeoutMs();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String lastProblem = "the cluster did not answer; check hpkafka.seeds and that the brokers are up";
        Throwable lastError = null;
        try {
            for (long remaining = timeoutMs; remaining > 0; remaining = remainingMs(deadline)) {
                try {
                    List<Integer> partitions = this.clusterClient.partitionsFor(topic)
                        .get(remaining, TimeUnit.MILLISECONDS);
                    if (!partitions.isEmpty()) {
                        return partitions;
                    }
                    lastProblem = "the topic has no partitions yet";
                }
                catch (ExecutionException ex) {
                    lastError = ex.getCause();
                    lastProblem = "last error: " + lastError;
                }
                catch (TimeoutException ex) {
                    break;
                }
                Thread.sleep(Math.min(PARTITIONS_RETRY_MS, Math.max(1, remainingMs(deadline))));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the partitions of topic '" + topic + "'",
                    ex);
        }
        throw new IllegalStateException("@HpKafkaListener: no partitions found for topic '" + topic + "' within "
                + timeoutMs + " ms (hpkafka.client-request-timeout); " + lastProblem, lastError);
    }

    private static long remainingMs(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    // Called with lifecycleMonitor held.
    private Map<String, HpKafkaListenerEndpoint[]> buildRoutes() {
        Map<String, List<HpKafkaListenerEndpoint>> byTopic = new HashMap<>();
        for (HpKafkaListenerEndpoint endpoint : this.endpoints.values()) {
            for (String topic : endpoint.getTopics()) {
                byTopic.computeIfAbsent(topic, (t) -> new ArrayList<>()).add(endpoint);
            }
        }
        Map<String, HpKafkaListenerEndpoint[]> routes = new HashMap<>();
        byTopic.forEach((topic, list) -> routes.put(topic, list.toArray(new HpKafkaListenerEndpoint[0])));
        return Map.copyOf(routes);
    }

    // On the client's dispatch thread, one record at a time.
    private void dispatch(KafkaRecord record) {
        HpKafkaListenerEndpoint[] targets = this.routes.get(record.topic());
        if (targets == null) {
            return; // a topic the application consumes through the same client by itself
        }
        for (HpKafkaListenerEndpoint endpoint : targets) {
            try {
                endpoint.deliver(record);
            }
            catch (Exception ex) {
                logger.error(LogMessage.format("@HpKafkaListener '%s' failed on record %s-%d@%d; continuing with the"
                        + " next record", endpoint.getId(), record.topic(), record.partition(), record.offset()), ex);
            }
        }
    }

}
