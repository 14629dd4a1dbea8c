package io.hpkafka.samples.orders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.UUID;

import io.hpkafka.record.Header;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListener;
import io.hpkafka.boot.autoconfigure.listener.StartFrom;
import io.hpkafka.record.KafkaRecord;

import org.springframework.stereotype.Component;

/**
 * Consumes the order events and counts them: each order id once, duplicates apart. Every record this run produces
 * carries a {@value #RUN_HEADER} header; records without this run's id (left on the topic by earlier runs against
 * the same cluster) are counted as skipped, not as duplicates.
 */
@Component
class OrderTally {

    static final String RUN_HEADER = "sample-run";

    private final byte[] runId = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);

    /** Guards the following fields: written by the client's dispatch thread, read by the runner. */
    private final Object lock = new Object();

    private final BitSet seen = new BitSet();

    private long unique;

    private long duplicates;

    private long skipped;

    private long lastArrivalNanos;

    /**
     * Receives one order event; the client calls it for one record at a time.
     * @param record the record, keyed by order id
     */
    @HpKafkaListener(id = "orders", topics = "${sample.topic:orders}", startFrom = StartFrom.EARLIEST)
    void onOrder(KafkaRecord record) {
        int index = isFromThisRun(record) ? OrderEvents.indexOf(record.key()) : -1;
        synchronized (this.lock) {
            if (index < 0) {
                this.skipped++;
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

    private boolean isFromThisRun(KafkaRecord record) {
        for (Header header : record.headers()) {
            if (RUN_HEADER.equals(header.key())) {
                return Arrays.equals(this.runId, header.value());
            }
        }
        return false;
    }

    /**
     * Returns the header that marks this run's records.
     * @return the header
     */
    Header runHeader() {
        return new Header(RUN_HEADER, this.runId.clone());
    }

    /**
     * Returns the counts so far.
     * @return a consistent snapshot
     */
    Snapshot snapshot() {
        synchronized (this.lock) {
            return new Snapshot(this.unique, this.duplicates, this.skipped, this.lastArrivalNanos);
        }
    }

    /**
     * Counts at one moment.
     * @param unique distinct orders of this run received
     * @param duplicates orders of this run received more than once (each extra copy counts)
     * @param skipped records of other runs
     * @param lastArrivalNanos {@link System#nanoTime()} of the latest new order, 0 before the first
     */
    record Snapshot(long unique, long duplicates, long skipped, long lastArrivalNanos) {
    }

}
