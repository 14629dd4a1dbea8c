package io.hpkafka.config;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings of one consumer of a client (the client's {@code Configuration} holds what its consumers share: fetch
 * sizes, fetch wait, start-offset batching, the out-of-range strategy). Immutable.
 */
public final class ConsumerOptions {

    /** A consumer named after its number, delivering on the client's driver executor. */
    public static final ConsumerOptions DEFAULT = builder().build();

    private final String name;
    private final Executor deliveryExecutor;

    private ConsumerOptions(Builder b) {
        this.name = b.name;
        this.deliveryExecutor = b.deliveryExecutor;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the consumer's name in logs, or null for {@code consumer-<n>} */
    public String name() {
        return name;
    }

    /**
     * @return where records are delivered, or null for the client's delivery pool: a view over the shared pool that
     *     runs at most {@code maximumConcurrency} deliveries at once, apart from the driver's own threads (or the
     *     client's {@code executor} when the configuration sets one). Delivery is serial (one record at a time) on
     *     either. A listener that blocks holds a thread: with more consumers whose listeners block than
     *     {@code maximumConcurrency}, give each its own executor (for example a single-thread one) so that none waits
     *     for another's listener
     */
    public Executor deliveryExecutor() {
        return deliveryExecutor;
    }

    @Override
    public String toString() {
        return "ConsumerOptions{name=" + name + ", deliveryExecutor=" + deliveryExecutor + "}";
    }

    /** Builds {@link ConsumerOptions}. */
    public static final class Builder {
        private String name;
        private Executor deliveryExecutor;

        private Builder() {
        }

        /** @param name the consumer's name in logs (default {@code consumer-<n>}) */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param executor where records are delivered, one at a time (default: the client's delivery pool) */
        public Builder deliveryExecutor(Executor executor) {
            this.deliveryExecutor = Objects.requireNonNull(executor, "deliveryExecutor");
            return this;
        }

        /**
         * @return the options
         * @throws InvalidConfigurationException if the name is blank
         */
        public ConsumerOptions build() {
            if (name != null && name.isBlank()) {
                throw new InvalidConfigurationException("name", "must not be blank");
            }
            return new ConsumerOptions(this);
        }
    }
}
