package io.hpkafka.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create: name, partition count, replication factor and topic configs. Built with {@link #builder}:
 *
 * <pre>{@code
 * NewTopic orders = NewTopic.builder("orders").partitions(6).replicas(3).config("cleanup.policy", "compact").build();
 * }</pre>
 *
 * @param name the topic name
 * @param partitions the partition count, or -1 for the broker's {@code num.partitions}
 * @param replicationFactor the replicas per partition, or -1 for the broker's {@code default.replication.factor}
 * @param configs topic configs by name (e.g. {@code retention.ms}); unmodifiable, in insertion order
 */
public record NewTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    /**
     * @throws IllegalArgumentException for an empty name, a partition count below 1 other than -1, or a replication
     *     factor below 1 other than -1
     */
    public NewTopic {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a topic name must not be empty");
        }
        if (partitions < 1 && partitions != -1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, or -1 for the "
                    + "broker's default, not " + partitions);
        }
        if (replicationFactor < 1 && replicationFactor != -1) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be at least 1, or -1 "
                    + "for the broker's default, not " + replicationFactor);
        }
        configs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    }

    /** @return a builder of topic {@code name}, with the broker's default partitions and replicas and no config */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link NewTopic}; not thread-safe. */
    public static final class Builder {

        private final String name;
        private int partitions = -1;
        private short replicas = -1;
        private final Map<String, String> configs = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** @param partitions the partition count; default -1, the broker's {@code num.partitions} */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** @param replicas the replicas per partition; default -1, the broker's {@code default.replication.factor} */
        public Builder replicas(int replicas) {
            if (replicas > Short.MAX_VALUE) {
                throw new IllegalArgumentException("topic " + name + ": " + replicas + " replicas is too many");
            }
            this.replicas = (short) replicas;
            return this;
        }

        /** Sets one topic config, e.g. {@code config("retention.ms", "86400000")}. */
        public Builder config(String key, String value) {
            configs.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets several topic configs. */
        public Builder configs(Map<String, String> configs) {
            configs.forEach(this::config);
            return this;
        }

        /** Sets {@code cleanup.policy=compact}. */
        public Builder compact() {
            return config("cleanup.policy", "compact");
        }

        /**
         * @return the topic
         * @throws IllegalArgumentException as {@link NewTopic#NewTopic} says
         */
        public NewTopic build() {
            return new NewTopic(name, partitions, replicas, configs);
        }
    }
}
