package io.hpkafka.stats;

/**
 * A snapshot of a client's counters since it was created. Every record handed to produce ends in exactly one of
 * acknowledged, discarded or expired, so {@code entered == acknowledged + discarded + expired + (records in flight)}.
 *
 * @param entered records accepted by produce
 * @param exited records that left the producer (acknowledged, discarded or expired)
 * @param sent records written into Produce requests (a retried record counts again)
 * @param acknowledged records acknowledged by brokers
 * @param discarded records given up on
 * @param expired records that outlived messageTtl
 * @param retries records put back for another attempt
 * @param requests Produce and Fetch requests sent to brokers (control-plane requests are not counted)
 * @param received records delivered to message-received listeners
 * @param latestRequestLatencyMs time in ms between sending the latest answered request and its response
 * @param bufferedRecords records fetched and decoded but not yet delivered to listeners (bounded by the fetch sizes)
 * @param bytesSent bytes of record batches written into Produce requests (after compression)
 */
public record Statistics(long entered, long exited, long sent, long acknowledged, long discarded, long expired,
                         long retries, long requests, long received, long latestRequestLatencyMs,
                         long bufferedRecords, long bytesSent) {
}
