package io.hpkafka.internal.consumer;

import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.internal.stats.Counters;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Hands fetched records to the message-received listeners and the record publisher, one at a time, in offset order
 * per partition. A partition stops early at a pause or at its stop offset: its next position is lowered to the first
 * record not delivered, so it is fetched again, never skipped. While a publisher subscriber has no demand, delivery
 * waits (without holding a thread) and so does the next fetch.
 */
final class RecordDispatcher {

    private final Executor serial;
    private final Counters counters;
    private final EventListeners<KafkaRecord> received;
    private final RecordPublisher publisher;
    private final Set<String> pausedTopics;
    private final BooleanSupplier closed;

    RecordDispatcher(Executor serial, Counters counters, EventListeners<KafkaRecord> received,
                     RecordPublisher publisher, Set<String> pausedTopics, BooleanSupplier closed) {
        this.serial = serial;
        this.counters = counters;
        this.received = received;
        this.publisher = publisher;
        this.pausedTopics = pausedTopics;
        this.closed = closed;
    }

    /** Delivers {@code outcome}'s records of {@code states}' partitions, then runs {@code done} on the dispatcher. */
    void dispatch(FetchOutcome outcome, List<PartitionFetch> states, Runnable done) {
        serial.execute(() -> resume(new Progress(outcome, states, done)));
    }

    private void resume(Progress p) {
        for (; p.state < p.states.size(); p.state++, p.index = 0) {
            PartitionFetch state = p.states.get(p.state);
            TopicPartition tp = state.topicPartition;
            List<KafkaRecord> records = p.outcome.records.get(tp);
            if (records == null) {
                continue;
            }
            for (int n = records.size(); p.index < n; p.index++) {
                KafkaRecord r = records.get(p.index);
                if (closed.getAsBoolean() || pausedTopics.contains(tp.topic()) || r.offset() > state.stopAt) {
                    p.outcome.nextPositions.put(tp, r.offset());
                    counters.bufferedRecords.add(p.index - n); // dropped here, fetched again on resume
                    break;
                }
                if (!publisher.hasDemand()) {
                    publisher.whenDemand(() -> resume(p));
                    return;
                }
                counters.bufferedRecords.decrement();
                counters.received.increment();
                received.fire(r);
                publisher.publish(r);
                state.processed = r.offset() + 1;
            }
        }
        p.done.run();
    }

    /** Where a suspended delivery stands. */
    private static final class Progress {
        final FetchOutcome outcome;
        final List<PartitionFetch> states;
        final Runnable done;
        int state;
        int index;

        Progress(FetchOutcome outcome, List<PartitionFetch> states, Runnable done) {
            this.outcome = outcome;
            this.states = states;
            this.done = done;
        }
    }
}
