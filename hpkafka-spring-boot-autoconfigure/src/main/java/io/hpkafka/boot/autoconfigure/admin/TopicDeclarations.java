package io.hpkafka.boot.autoconfigure.admin;

import io.hpkafka.admin.AdminException;
import io.hpkafka.admin.ClusterAdmin;
import io.hpkafka.admin.NewTopic;
import io.hpkafka.admin.TopicDescription;
import io.hpkafka.admin.TopicResults;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Brings the cluster in line with the declared topics, as Spring Kafka's {@code KafkaAdmin} does with its
 * {@code NewTopic} beans: a missing topic is created (CreateTopics); a present one is checked, and a partition count
 * smaller than declared is reported (Kafka can add partitions but this class does not: it would move keys between
 * partitions under running consumers). Replication factor and configs of present topics are not compared.
 * <p>
 * Each problem (a topic too small, a creation refused, no broker in time) is logged as a warning naming the topic, or,
 * with {@code failFast}, ends start-up with a {@link TopicDeclarationException} listing them all.
 */
public final class TopicDeclarations {

    private static final Logger log = LoggerFactory.getLogger(TopicDeclarations.class);

    private final ClusterAdmin admin;
    private final boolean failFast;
    private final Duration timeout;

    /**
     * @param failFast whether problems end start-up rather than being logged
     * @param timeout longest wait for the cluster's answers, over the whole declaration
     */
    public TopicDeclarations(ClusterAdmin admin, boolean failFast, Duration timeout) {
        this.admin = admin;
        this.failFast = failFast;
        this.timeout = timeout;
    }

    /**
     * Checks and creates {@code declared}.
     *
     * @return one sentence per problem found, empty when every topic is as declared
     * @throws TopicDeclarationException with {@code failFast}, when there is a problem
     * @throws IllegalStateException when one name is declared twice with different settings
     */
    public List<String> declare(Collection<NewTopic> declared) {
        Map<String, NewTopic> topics = distinct(declared);
        if (topics.isEmpty()) {
            return List.of();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> problems = new ArrayList<>();
        List<NewTopic> missing = new ArrayList<>();

        TopicResults<TopicDescription> present = admin.describeTopics(topics.keySet());
        topics.forEach((name, topic) -> {
            Outcome<TopicDescription> o = await(present.topic(name), deadline);
            if (o.error() == null) {
                TopicDescription d = o.value();
                if (topic.partitions() > 0 && d.partitionCount() < topic.partitions()) {
                    problems.add("topic '" + name + "' has " + d.partitionCount() + " partitions, fewer than the "
                            + topic.partitions() + " declared");
                }
            } else if (o.error() instanceof AdminException e && e.errorName().equals("UNKNOWN_TOPIC_OR_PARTITION")) {
                missing.add(topic);
            } else {
                problems.add("topic '" + name + "' could not be checked: " + describe(o.error()));
            }
        });

        if (!missing.isEmpty()) {
            TopicResults<Void> created = admin.createTopics(missing);
            for (NewTopic topic : missing) {
                Outcome<Void> o = await(created.topic(topic.name()), deadline);
                if (o.error() == null) {
                    log.info("Created topic '{}' ({} partitions, replication factor {}{})", topic.name(),
                            count(topic.partitions()), count(topic.replicationFactor()),
                            topic.configs().isEmpty() ? "" : ", configs " + topic.configs());
                } else if (!(o.error() instanceof AdminException e && e.errorName().equals("TOPIC_ALREADY_EXISTS"))) {
                    problems.add("topic '" + topic.name() + "' could not be created: " + describe(o.error()));
                } // else: created by someone else since we looked, which is what was wanted
            }
        }

        if (!problems.isEmpty()) {
            if (failFast) {
                throw new TopicDeclarationException(problems);
            }
            problems.forEach(p -> log.warn("Declared {} (set hpkafka.admin.fail-fast=true to stop start-up instead)",
                    p));
        }
        return List.copyOf(problems);
    }

    private static Map<String, NewTopic> distinct(Collection<NewTopic> declared) {
        Map<String, NewTopic> topics = new LinkedHashMap<>();
        for (NewTopic t : declared) {
            NewTopic before = topics.putIfAbsent(t.name(), t);
            if (before != null && !before.equals(t)) {
                throw new IllegalStateException("Topic '" + t.name() + "' is declared twice with different settings: "
                        + before + " and " + t);
            }
        }
        return topics;
    }

    private static String count(int n) {
        return n == -1 ? "broker default" : Integer.toString(n);
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "no answer within hpkafka.admin.operation-timeout=" + timeout;
        }
        return String.valueOf(error.getMessage());
    }

    private static <T> Outcome<T> await(CompletableFuture<T> future, long deadline) {
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            return new Outcome<>(future.get(left, TimeUnit.NANOSECONDS), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause() != null ? e.getCause() : e);
        } catch (TimeoutException e) {
            return new Outcome<>(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(null, e);
        }
    }

    private record Outcome<T>(@Nullable T value, @Nullable Throwable error) {
    }
}
