package io.hpkafka.samples.orders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.UUID;

import io.hpkafka.boot.autoconfigure.listener.HpKafkaHeaders;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Consumes the order events and counts them: each order id once, duplicates apart. The listener runs in the consumer
 * group {@code hpkafka.consumer.group-id} with {@code sample.concurrency} consumers sharing the topic's partitions,
 * and takes each event as an {@link OrderEvent} read from its JSON; a record whose value is not JSON never reaches
 * {@link #onOrder}: it goes to the dead-letter topic (see {@link DeadLetterTally}).
 * <p>
 * Every record this run produces carries a {@value #RUN_HEADER} header; records without this run's id (left on the
 * topic by earlier runs against the same cluster) are counted as skipped, not as duplicates.
 */
@Component
class OrderTally {

    static final String LISTENER_ID = "orders";

    static final String RUN_HEADER = "sample-run";

    private final byte[] runId = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);

    /** Guards the following fields: written by the listener's consumer threads, read by the runner. */
    private final Object lock = new Object();

    private final BitSet seen = new BitSet();

    private long unique;

    private long duplicates;

    private long mismatched;

    private long skipped;

    private long lastArrivalNanos;

    /**
     * Receives one order event; each of the listener's consumers calls it for one record at a time, so it is called
     * from up to {@code sample.concurrency} threads at once.
     * @param order the event, read from the record's JSON value
     * @param key the record key, the order id
     * @param run the run id header, or null if the record has none
     */
    @HpKafkaListener(id = LISTENER_ID, topics = "${sample.topic:orders}", concurrency = "${sample.concurrency:3}")
    void onOrder(OrderEvent order, @Header(HpKafkaHeaders.RECEIVED_KEY) String key,
            @Header(name = RUN_HEADER, required = false) byte[] run) {
        int index = Arrays.equals(this.runId, run) ? OrderEvents.indexOf(key) : -1;
        // A record's key and its payload's orderId are written together: a difference would be a mix-up of records.
        boolean consistent = order != null && key != null && key.equals(order.orderId());
        synchronized (this.lock) {
            if (index < 0) {
                this.skipped++;
            }
            else if (!consistent) {
                this.mismatched++;
            }
            else if (this.seen.get(index)) {
                this.duplicates++;
            }
            else {
                this.seen.set(index);
                this.unique++;
                this.lastArrivalNanos = System.nanoTime();
            }
        }
    }

    /**
     * Returns whether a record's run header is this run's.
     * @param run the header's value, or null
     * @return whether it is
     */
    boolean isThisRun(byte[] run) {
        return Arrays.equals(this.runId, run);
    }

    /**
     * Returns the header that marks this run's records.
     * @return the header
     */
    io.hpkafka.record.Header runHeader() {
        return new io.hpkafka.record.Header(RUN_HEADER, this.runId.clone());
    }

    /**
     * Returns the counts so far.
     * @return a consistent snapshot
     */
    Snapshot snapshot() {
        synchronized (this.lock) {
            return new Snapshot(this.unique, this.duplicates, this.mismatched, this.skipped, this.lastArrivalNanos);
        }
    }

    /**
     * Counts at one moment.
     * @param unique distinct orders of this run received
     * @param duplicates orders of this run received more than once (each extra copy counts)
     * @param mismatched orders of this run whose payload's orderId is not the record key
     * @param skipped records of other runs
     * @param lastArrivalNanos {@link System#nanoTime()} of the latest new order, 0 before the first
     */
    record Snapshot(long unique, long duplicates, long mismatched, long skipped, long lastArrivalNanos) {
    }

}
