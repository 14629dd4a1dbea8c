package io.hpkafka.boot.autoconfigure.listener;

import java.util.List;

import io.hpkafka.record.KafkaRecord;
import org.jspecify.annotations.Nullable;

/**
 * Instruments the invocations of {@link HpKafkaListener @HpKafkaListener} methods (a timer, a trace) without the
 * listener containers knowing of Micrometer: define a bean of this type and every container created afterwards calls
 * it around each invocation. Each attempt is one invocation; payload conversion is part of it.
 * <p>
 * Thread rule: {@link #beforeRecord} / {@link #beforeBatch} and the returned {@link Invocation#after} run on the
 * consumer's delivery thread, one invocation at a time per consumer, so a scope opened before can be closed after;
 * containers of several listeners call one observer side by side. What an observer throws is logged and ignored.
 */
public interface ListenerObserver {

    /** An invocation that needs nothing told. */
    Invocation NONE = (failure) -> {
    };

    /**
     * Whether this observer instruments a listener, asked once per container consumer; by default every one.
     * @param listenerId the listener's id
     * @param settings the listener's {@code hpkafka.listener.*} settings with its overrides
     * @return whether to call this observer for the listener
     */
    default boolean isEnabledFor(String listenerId, HpKafkaListenerProperties settings) {
        return true;
    }

    /**
     * A record listener is about to be invoked with {@code record}.
     * @param listenerId the listener's id
     * @param record the record
     * @return told when the invocation ends; {@link #NONE} if nothing is to be told
     */
    Invocation beforeRecord(String listenerId, KafkaRecord record);

    /**
     * A batch listener is about to be invoked with {@code records}.
     * @param listenerId the listener's id
     * @param records the records of the batch, in order
     * @return told when the invocation ends; {@link #NONE} if nothing is to be told
     */
    Invocation beforeBatch(String listenerId, List<KafkaRecord> records);

    /**
     * A listener's container stopped: release what was made for the listener (its meters, for instance). It may be
     * started again.
     * @param listenerId the listener's id
     */
    default void containerStopped(String listenerId) {
    }

    /** One invocation under way. */
    @FunctionalInterface
    interface Invocation {

        /**
         * The invocation ended.
         * @param failure what the listener (or the conversion of its payload) threw, or null if it returned
         */
        void after(@Nullable Throwable failure);

    }

}
