package io.hpkafka.internal.stats;

import io.hpkafka.stats.Statistics;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** The client's live counters; {@link #snapshot} turns them into {@link Statistics}. Updated from any thread. */
public final class Counters {
    public final LongAdder entered = new LongAdder();
    public final LongAdder exited = new LongAdder();
    public final LongAdder sent = new LongAdder();
    public final LongAdder acknowledged = new LongAdder();
    public final LongAdder discarded = new LongAdder();
    public final LongAdder expired = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder requests = new LongAdder();
    /** Bytes of record batches written into Produce requests. */
    public final LongAdder bytesSent = new LongAdder();
    public final LongAdder received = new LongAdder();
    /** Records decoded from fetch responses and not yet delivered or dropped. */
    public final LongAdder bufferedRecords = new LongAdder();

    /** @param latestLatencyMs source of the latest request latency, in ms */
    public Statistics snapshot(LongSupplier latestLatencyMs) {
        return new Statistics(entered.sum(), exited.sum(), sent.sum(), acknowledged.sum(), discarded.sum(),
                expired.sum(), retries.sum(), requests.sum(), received.sum(), latestLatencyMs.getAsLong(),
                bufferedRecords.sum(), bytesSent.sum());
    }
}
