package io.hpkafka.internal.admin;

import io.hpkafka.admin.AdminException;
import io.hpkafka.admin.TopicResults;
import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.internal.protocol.Errors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Runs a per-topic request in rounds: each round asks about the topics still pending; a topic answered without error
 * completes, one with an error the {@code retriable} test accepts is asked again in the next round (after
 * {@link BrokerRequests#BACKOFF_MS}), any other error fails that topic alone with {@link AdminException}. A network
 * failure asks every pending topic again; no broker in time fails them all.
 */
final class TopicRounds {

    private TopicRounds() {
    }

    /**
     * One topic's answer in a round.
     *
     * @param errorCode the broker's error for the topic, or NONE
     * @param errorMessage the broker's explanation, or null
     * @param value the value when the error is NONE
     */
    record Answer<T>(String topic, short errorCode, String errorMessage, T value) {
    }

    /** Sends one round for {@code topics}. */
    @FunctionalInterface
    interface Round<T> {
        CompletableFuture<List<Answer<T>>> send(List<String> topics, long deadline);
    }

    /**
     * @param what the API, for messages
     * @throws IllegalArgumentException if a topic is named twice
     */
    static <T> TopicResults<T> run(BrokerRequests requests, String what, Collection<String> topics,
                                   Predicate<Short> retriable, Round<T> round) {
        Map<String, CompletableFuture<T>> futures = new LinkedHashMap<>();
        for (String t : topics) {
            if (futures.put(t, requests.track(new CompletableFuture<>())) != null) {
                throw new IllegalArgumentException(what + ": topic " + t + " is named twice");
            }
        }
        if (!futures.isEmpty()) {
            next(requests, what, new ArrayList<>(futures.keySet()), futures, requests.deadline(), retriable, round);
        }
        return new TopicResults<>(futures);
    }

    private static <T> void next(BrokerRequests requests, String what, List<String> pending,
                                 Map<String, CompletableFuture<T>> futures, long deadline,
                                 Predicate<Short> retriable, Round<T> round) {
        if (pending.stream().allMatch(t -> futures.get(t).isDone())) {
            return; // failed by close
        }
        round.send(pending, deadline).whenComplete((answers, error) -> {
            List<String> again = new ArrayList<>();
            String reason = null;
            if (error != null) {
                Throwable e = BrokerRequests.unwrap(error);
                if (e instanceof KafkaClientException) {
                    pending.forEach(t -> futures.get(t).completeExceptionally(e));
                    return;
                }
                again.addAll(pending);
                reason = String.valueOf(e.getMessage());
            } else {
                Set<String> answered = new HashSet<>();
                for (Answer<T> a : answers) {
                    if (!pending.contains(a.topic()) || !answered.add(a.topic())) {
                        continue; // not asked in this round, or answered twice: the first answer counts
                    }
                    CompletableFuture<T> f = futures.get(a.topic());
                    if (a.errorCode() == Errors.NONE) {
                        f.complete(a.value());
                    } else if (retriable.test(a.errorCode())) {
                        again.add(a.topic());
                        reason = a.topic() + ": " + Errors.name(a.errorCode());
                    } else {
                        f.completeExceptionally(new AdminException(a.topic(), a.errorCode(),
                                Errors.name(a.errorCode()), a.errorMessage()));
                    }
                }
                for (String t : pending) {
                    if (!answered.contains(t)) {
                        futures.get(t).completeExceptionally(new KafkaClientException("the " + what
                                + " answer left out topic " + t));
                    }
                }
            }
            if (again.isEmpty()) {
                return;
            }
            if (requests.expired(deadline)) {
                String last = reason;
                again.forEach(t -> futures.get(t).completeExceptionally(new KafkaClientException(what + " of topic "
                        + t + " did not succeed within clientRequestTimeoutMs=" + requests.timeoutMs()
                        + " ms; last: " + last)));
            } else {
                requests.schedule(() -> next(requests, what, again, futures, deadline, retriable, round));
            }
        });
    }
}
