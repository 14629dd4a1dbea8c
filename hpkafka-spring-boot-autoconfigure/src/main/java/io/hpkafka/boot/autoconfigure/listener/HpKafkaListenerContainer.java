package io.hpkafka.boot.autoconfigure.listener;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.hpkafka.record.TopicPartition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Runs one {@link HpKafkaListener @HpKafkaListener} endpoint: {@code concurrency} consumers of the application's
 * {@link io.hpkafka.ClusterClient}, each with its own delivery thread, in the endpoint's consumer group (or, in
 * simple mode, each reading a share of the partitions). Started and stopped by the
 * {@link HpKafkaListenerEndpointRegistry}, or by the application through it.
 * <p>
 * Stopping is graceful: no further record is delivered, the records in hand get up to
 * {@code hpkafka.listener.shutdown-timeout} to finish, processed records are committed and the group is left. A
 * stopped container can be started again (it joins the group anew). Pausing stops deliveries and fetching for the
 * container's topics, keeping positions and group membership; resuming continues at the next record.
 * <p>
 * Thread-safe.
 */
public final class HpKafkaListenerContainer {

    private static final Log logger = LogFactory.getLog(HpKafkaListenerContainer.class);

    // Between two polls of partitionsFor while a topic has no partition yet (auto-creation in progress).
    private static final long PARTITIONS_RETRY_MS = 100;

    private final HpKafkaListenerEndpoint endpoint;

    private final ContainerSpec spec;

    private final ScheduledExecutorService scheduler;

    /** Guards the following fields. */
    private final Object monitor = new Object();

    private final List<ContainerMember> members = new ArrayList<>();

    private List<String> topics = List.of();

    private @Nullable ScheduledFuture<?> patternRefresh;

    private volatile boolean running;

    private volatile boolean paused;

    HpKafkaListenerContainer(HpKafkaListenerEndpoint endpoint, ContainerSpec spec, ScheduledExecutorService scheduler) {
        this.endpoint = endpoint;
        this.spec = spec;
        this.scheduler = scheduler;
    }

    /**
     * Returns the container's id, as the endpoint's {@link HpKafkaListener#id()} gave it or as generated.
     * @return the id
     */
    public String getListenerId() {
        return this.endpoint.getId();
    }

    /**
     * Returns the consumer group.
     * @return the group id, or null in simple mode
     */
    public @Nullable String getGroupId() {
        return this.spec.groupId();
    }

    /**
     * Returns the topics consumed: those named, or those the pattern matched at its last evaluation.
     * @return the topic names; empty while stopped with a pattern
     */
    public List<String> getTopics() {
        synchronized (this.monitor) {
            return (this.endpoint.getTopicPattern() == null) ? this.endpoint.getTopics() : this.topics;
        }
    }

    /**
     * Returns the partitions the container's consumers read now (assigned by the group, or dealt in simple mode).
     * @return the partitions; empty while stopped
     */
    public Set<TopicPartition> getAssignedPartitions() {
        Set<TopicPartition> partitions = new HashSet<>();
        synchronized (this.monitor) {
            this.members.forEach((member) -> partitions.addAll(member.assignedPartitions()));
        }
        return partitions;
    }

    /**
     * Returns whether the container starts with the application context.
     * @return the resolved {@link HpKafkaListener#autoStartup()}
     */
    public boolean isAutoStartup() {
        return this.endpoint.isAutoStartup();
    }

    /**
     * Returns whether the container runs (started and not stopped), paused or not.
     * @return whether it runs
     */
    public boolean isRunning() {
        return this.running;
    }

    /**
     * Returns whether the container is paused.
     * @return whether it is
     */
    public boolean isPaused() {
        return this.paused;
    }

    /**
     * Starts the consumers: in group mode they join the group; in simple mode each reads its share of the partitions
     * from the start position. Starting a running container does nothing.
     * @throws IllegalStateException in simple mode, if a topic's partitions are not known within the client request
     * timeout (the topic does not exist, or the cluster cannot be reached); or if the pattern's topics cannot be
     * listed
     */
    public void start() {
        synchronized (this.monitor) {
            if (this.running) {
                return;
            }
            Pattern pattern = this.endpoint.getTopicPattern();
            this.topics = (pattern != null) ? matchingTopics(pattern) : this.endpoint.getTopics();
            startMembers();
            this.running = true;
            if (pattern != null) {
                long every = this.spec.client().configuration().refreshMetadataInterval().toMillis();
                this.patternRefresh = this.scheduler.scheduleWithFixedDelay(this::refreshPattern, every, every,
                        TimeUnit.MILLISECONDS);
            }
        }
        if (this.spec.groupId() != null) {
            logger.info(LogMessage.format("@HpKafkaListener '%s' started: group '%s', topics %s, %d consumer%s, ack"
                    + " mode %s", getListenerId(), this.spec.groupId(), describeTopics(), this.endpoint.getConcurrency(),
                    (this.endpoint.getConcurrency() != 1) ? "s" : "", this.spec.settings().getAckMode()));
        }
        else {
            logger.info(LogMessage.format("@HpKafkaListener '%s' started in simple mode (no groupId and no"
                    + " hpkafka.consumer.group-id): topics %s read from %s in every partition, nothing committed",
                    getListenerId(), describeTopics(), this.spec.startFrom()));
        }
    }

    private String describeTopics() {
        Pattern pattern = this.endpoint.getTopicPattern();
        return (pattern != null) ? this.topics + " (pattern '" + pattern + "')" : this.topics.toString();
    }

    // Called with the monitor held.
    private void startMembers() {
        if (this.topics.isEmpty()) {
            return; // a pattern that matches nothing yet
        }
        int concurrency = this.endpoint.getConcurrency();
        List<Map<String, List<Integer>>> shares = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            shares.add(new LinkedHashMap<>());
        }
        if (this.spec.groupId() == null) {
            int next = 0;
            for (String topic : this.topics) {
                for (int partition : partitionsOf(topic)) {
                    shares.get(next++ % concurrency).computeIfAbsent(topic, (t) -> new ArrayList<>()).add(partition);
                }
            }
        }
        for (int i = 0; i < concurrency; i++) {
            if (this.spec.groupId() == null && shares.get(i).isEmpty()) {
                continue; // more consumers than partitions
            }
            ContainerMember member = new ContainerMember(this.spec, i, this.topics);
            this.members.add(member);
            member.start(shares.get(i), this.paused);
        }
    }

    private void refreshPattern() {
        try {
            synchronized (this.monitor) {
                Pattern pattern = this.endpoint.getTopicPattern();
                if (!this.running || pattern == null) {
                    return;
                }
                List<String> now = matchingTopics(pattern);
                if (now.equals(this.topics)) {
                    return;
                }
                logger.info(LogMessage.format("@HpKafkaListener '%s': pattern '%s' now matches %s (was %s)",
                        getListenerId(), pattern, now, this.topics));
                stopMembers();
                this.topics = now;
                startMembers();
            }
        }
        catch (RuntimeException ex) {
            logger.warn(LogMessage.format("@HpKafkaListener '%s': could not evaluate its topic pattern; trying again"
                    + " later: %s", getListenerId(), ex));
        }
    }

    /**
     * Stops gracefully (see the class description), waiting up to {@code hpkafka.listener.shutdown-timeout}; a
     * listener still running then is interrupted. Stopping a stopped container does nothing.
     */
    public void stop() {
        synchronized (this.monitor) {
            if (!this.running) {
                return;
            }
            this.running = false;
            if (this.patternRefresh != null) {
                this.patternRefresh.cancel(false);
                this.patternRefresh = null;
            }
            stopMembers();
            this.spec.observers().containerStopped(); // its meters go; a restart makes them anew
        }
        logger.info(LogMessage.format("@HpKafkaListener '%s' stopped", getListenerId()));
    }

    // Called with the monitor held.
    private void stopMembers() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        this.members.forEach((member) -> closing.add(member.stopAsync()));
        long timeoutMs = this.spec.settings().getShutdownTimeout().toMillis();
        try {
            CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            logger.warn(LogMessage.format("@HpKafkaListener '%s': consumers did not stop within %d ms"
                    + " (hpkafka.listener.shutdown-timeout); interrupting their listeners", getListenerId(),
                    timeoutMs));
        }
        catch (ExecutionException ex) {
            logger.warn(LogMessage.format("@HpKafkaListener '%s': a consumer failed to close", getListenerId()),
                    ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.members.forEach(ContainerMember::release);
        this.members.clear();
    }

    /**
     * Pauses: no further record is delivered (beyond those in hand) and the topics are not fetched; group
     * membership and positions are kept. Works on a stopped container too: it then starts paused.
     */
    public void pause() {
        synchronized (this.monitor) {
            this.paused = true;
            this.members.forEach(ContainerMember::pause);
        }
    }

    /**
     * Resumes a paused container at the next undelivered record of each partition.
     */
    public void resume() {
        synchronized (this.monitor) {
            this.paused = false;
            this.members.forEach(ContainerMember::resume);
        }
    }

    private List<String> matchingTopics(Pattern pattern) {
        long timeoutMs = this.spec.client().configuration().clientRequestTimeoutMs();
        try {
            return this.spec.client().topics().get(timeoutMs, TimeUnit.MILLISECONDS).stream()
                .filter((topic) -> pattern.matcher(topic).matches())
                .sorted()
                .toList();
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("@HpKafkaListener '" + getListenerId() + "': cannot list the cluster's"
                    + " topics to match pattern '" + pattern + "' within " + timeoutMs + " ms: " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing topics", ex);
        }
    }

    // Waits for the topic's partitions; an empty answer or an error is asked again, as a topic the broker is
    // creating (auto-creation, or just created by an admin) has no leaders for a short while.
    private List<Integer> partitionsOf(String topic) {
        long timeoutMs = this.spec.client().configuration().clientRequestTimeoutMs();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String lastProblem = "the cluster did not answer; check hpkafka.seeds and that the brokers are up";
        Throwable lastError = null;
        try {
            for (long remaining = timeoutMs; remaining > 0; remaining = remainingMs(deadline)) {
                try {
                    List<Integer> partitions = this.spec.client().partitionsFor(topic)
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
        throw new IllegalStateException("@HpKafkaListener '" + getListenerId() + "': no partitions found for topic '"
                + topic + "' within " + timeoutMs + " ms (hpkafka.client-request-timeout); " + lastProblem, lastError);
    }

    private static long remainingMs(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    @Override
    public String toString() {
        return "HpKafkaListenerContainer{id=" + getListenerId() + ", group=" + this.spec.groupId() + ", topics="
                + getTopics() + ", running=" + this.running + ", paused=" + this.paused + '}';
    }

}
