package io.hpkafka.internal.consumer;

import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.event.EventListeners;
import io.hpkafka.internal.stats.Counters;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Hands fetched records to the message-received listeners and the record publisher, one at a time, in offset order
 * per partition. A partition stops early at a pause (of its topic or of itself), a seek, or its stop offset: its next
 * position is lowered to the first record not delivered, so it is fetched again, never skipped (a seek then replaces
 * the cursor). After each record the partition's processed offset moves past it, unless a seek of the partition is
 * in progress or commits carry marks only. While a publisher subscriber has no demand, delivery
 * waits (without holding a thread) and so does the next fetch. After {@link #RECORDS_PER_TURN} records a delivery
 * queues the rest behind its consumer's other tasks, so that consumers sharing a bounded delivery pool take turns.
 * A listener that throws is reported on the consumer's error channel, and the next record follows.
 */
final class RecordDispatcher {

    /** Records delivered in a row before the delivery lets other work on the same threads run. */
    static final int RECORDS_PER_TURN = 256;

    private final ConsumerFetch owner;
    private final Executor serial;
    private final Counters counters;
    private final EventListeners<KafkaRecord> received;
    private final RecordPublisher publisher;
    private final BiConsumer<KafkaRecord, Throwable> listenerFailed = this::listenerFailed;

    RecordDispatcher(ConsumerFetch owner, Executor serial, Counters counters, EventListeners<KafkaRecord> received,
                     RecordPublisher publisher) {
        this.owner = owner;
        this.serial = serial;
        this.counters = counters;
        this.received = received;
        this.publisher = publisher;
    }

    /** Delivers {@code outcome}'s records of {@code states}' partitions, then runs {@code done} on the dispatcher. */
    void dispatch(FetchOutcome outcome, List<PartitionFetch> states, Runnable done) {
        serial.execute(() -> resume(new Progress(outcome, states, done)));
    }

    private void resume(Progress p) {
        owner.deliveryThread = Thread.currentThread();
        try {
            deliver(p);
        } finally {
            owner.deliveryThread = null;
        }
    }

    private void deliver(Progress p) {
        int turn = RECORDS_PER_TURN;
        for (; p.state < p.states.size(); p.state++, p.index = 0) {
            PartitionFetch state = p.states.get(p.state);
            TopicPartition tp = state.topicPartition;
            List<KafkaRecord> records = p.outcome.records.get(tp);
            if (records == null) {
                continue;
            }
            for (int n = records.size(); p.index < n; p.index++) {
                KafkaRecord r = records.get(p.index);
                // The sets before stopAt: the actor sets stopAt, then takes the topic out of stoppedTopics, the
                // partition out of seeking (a seek) or out of pausedPartitions (a give-up).
                if (owner.closed || owner.pausedTopics.contains(tp.topic())
                        || (!owner.pausedPartitions.isEmpty() && owner.pausedPartitions.contains(tp))
                        || (!owner.seeking.isEmpty() && owner.seeking.containsKey(tp))
                        || (!owner.stoppedTopics.isEmpty() && owner.stoppedTopics.contains(tp.topic()))
                        || r.offset() > state.stopAt) {
                    p.outcome.nextPositions.put(tp, r.offset());
                    counters.bufferedRecords.add(p.index - n); // dropped here, fetched again on resume
                    break;
                }
                if (!publisher.hasDemand()) {
                    publisher.whenDemand(() -> resume(p));
                    return;
                }
                if (--turn < 0) {
                    serial.execute(() -> resume(p));
                    return;
                }
                counters.bufferedRecords.decrement();
                counters.received.increment();
                received.fire(r, listenerFailed);
                publisher.publish(r);
                // Not for a record a listener sought away from (to see it again): a commit must not pass it. Marks
                // stand in for this count when commits carry marks only.
                if (!owner.markedOnly && (owner.seeking.isEmpty() || !owner.seeking.containsKey(tp))) {
                    state.processed = r.offset() + 1;
                }
            }
        }
        p.done.run();
    }

    private void listenerFailed(KafkaRecord r, Throwable error) {
        owner.raise(new ConsumerError(ConsumerError.Kind.LISTENER, r.topic(), r.partition(), r.offset(),
                "a listener threw " + error, false, error));
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
