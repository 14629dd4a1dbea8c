package io.hpkafka.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Polling and topic helpers shared by the cluster implementations. */
final class Waits {

    /** Poll interval in ms: short, because broker metadata usually converges within tens of ms. */
    private static final long POLL_INTERVAL_MS = 20;

    private Waits() {
    }

    /**
     * Polls {@code condition} until it is true.
     *
     * @param what      the awaited state, for the timeout message ("... waiting for " + what)
     * @param timeoutMs how long to wait in ms
     * @throws KafkaTestClusterException on timeout or interruption (the interrupt flag is kept)
     */
    static void await(String what, long timeoutMs, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaTestClusterException("Timed out after " + timeoutMs + " ms waiting for " + what);
            }
            try {
                Thread.sleep(POLL_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaTestClusterException("Interrupted while waiting for " + what, e);
            }
        }
    }

    /** Argument checks common to both implementations of {@link KafkaTestCluster#createTopic}. */
    static void checkTopicArguments(String name, int partitions, int replicationFactor,
                                    Map<String, String> topicConfigs) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, was " + replicationFactor);
        }
        if (topicConfigs == null) {
            throw new IllegalArgumentException("topicConfigs must not be null (use Map.of())");
        }
    }

    /**
     * Sends CreateTopics and waits for the controller's answer (not for the leaders: callers do that).
     *
     * @throws KafkaTestClusterException if the topic is rejected or the request times out
     */
    static void createTopic(Admin admin, String name, int partitions, int replicationFactor,
                            Map<String, String> topicConfigs, long timeoutMs) {
        NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor).configs(topicConfigs);
        try {
            admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new KafkaTestClusterException("Could not create topic '" + name + "' (" + partitions
                    + " partitions, replication factor " + replicationFactor + "): " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new KafkaTestClusterException("Timed out after " + timeoutMs + " ms creating topic '" + name + "'",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTestClusterException("Interrupted while creating topic '" + name + "'", e);
        }
    }
}
