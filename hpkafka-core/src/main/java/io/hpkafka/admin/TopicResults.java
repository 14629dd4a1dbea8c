package io.hpkafka.admin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The outcome of an operation on several topics: one future per topic, so one topic's error (say
 * TOPIC_ALREADY_EXISTS) does not hide another's success.
 *
 * @param <T> what each topic's future holds
 * @param byTopic each topic's future, in the order asked
 */
public record TopicResults<T>(Map<String, CompletableFuture<T>> byTopic) {

    public TopicResults {
        byTopic = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byTopic));
    }

    /**
     * @return the future of {@code topic}
     * @throws IllegalArgumentException if the operation was not about {@code topic}
     */
    public CompletableFuture<T> topic(String topic) {
        CompletableFuture<T> f = byTopic.get(topic);
        if (f == null) {
            throw new IllegalArgumentException("no result for topic " + topic + "; asked were " + byTopic.keySet());
        }
        return f;
    }

    /** @return a future completing when every topic's has, failing with the first failure in topic order */
    public CompletableFuture<Void> all() {
        CompletableFuture<Void> all = CompletableFuture.allOf(byTopic.values().toArray(CompletableFuture[]::new));
        return all.handle((v, e) -> {
            for (CompletableFuture<T> f : byTopic.values()) {
                if (f.isCompletedExceptionally()) {
                    f.join(); // throws that topic's failure
                }
            }
            return (Void) null;
        });
    }
}
