package io.hpkafka.faults;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.hpkafka.ClusterClient;
import io.hpkafka.producer.ProducerRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Produces numbered records (the number in the value's first 4 bytes) from a thread of its own at a steady pace and
 * accounts for each one twice: by the client's outcome events (acknowledged, discarded, expired) and by the
 * per-record future of {@code send}, which names the record.
 */
final class SteadyProducer implements AutoCloseable {

    final AtomicLong produced = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong discarded = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    /** Records whose future completed with metadata. */
    final IdSet acknowledgedIds = new IdSet();
    /** Records whose future failed (discarded or expired). */
    final IdSet failedIds = new IdSet();
    private final AtomicLong outcomes = new AtomicLong();
    private final AtomicLong lastAcknowledgedNanos = new AtomicLong();
    private final ClusterClient client;
    private final String topic;
    private final int recordsPerTick;
    private final long tickMs;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /**
     * @param recordsPerTick records produced every {@code tickMs}
     */
    SteadyProducer(ClusterClient client, String topic, int recordsPerTick, long tickMs) {
        this.client = client;
        this.topic = topic;
        this.recordsPerTick = recordsPerTick;
        this.tickMs = tickMs;
        client.onAcknowledged(a -> {
            acknowledged.addAndGet(a.recordCount());
            lastAcknowledgedNanos.set(System.nanoTime());
        });
        client.onDiscarded(d -> discarded.incrementAndGet());
        client.onExpired(e -> expired.incrementAndGet());
        this.thread = new Thread(this::run, "steady-producer-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        int next = 0;
        while (running.get()) {
            for (int i = 0; i < recordsPerTick; i++) {
                int id = next++;
                produced.incrementAndGet();
                client.send(new ProducerRecord(topic, ProducerRecord.ANY_PARTITION, null, value(id), List.of(),
                        ProducerRecord.NO_TIMESTAMP)).whenComplete((metadata, error) -> {
                    (error == null ? acknowledgedIds : failedIds).add(id);
                    outcomes.incrementAndGet();
                });
            }
            try {
                Thread.sleep(tickMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops producing; records already handed over still get their outcome. */
    void stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }

    /** @return true once every produced record has an outcome, by events and by futures */
    boolean settled() {
        long total = acknowledged.get() + discarded.get() + expired.get();
        return !thread.isAlive() && total == produced.get() && outcomes.get() == produced.get();
    }

    /** @return System.nanoTime() of the last acknowledgement, 0 if none */
    long lastAcknowledgedNanos() {
        return lastAcknowledgedNanos.get();
    }

    /** Asserts produced == acknowledged + discarded + expired, each record with exactly one outcome. */
    void assertAccounted() {
        long ack = acknowledged.get();
        long failed = discarded.get() + expired.get();
        assertThat(ack + failed).as("acknowledged + discarded + expired").isEqualTo(produced.get());
        assertThat((long) acknowledgedIds.size()).as("records acknowledged by their future").isEqualTo(ack);
        assertThat((long) failedIds.size()).as("records failed by their future").isEqualTo(failed);
        assertThat(acknowledgedIds.disjoint(failedIds)).as("no record both acknowledged and failed").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    @Override
    public String toString() {
        return "produced=" + produced + " acknowledged=" + acknowledged + " discarded=" + discarded + " expired="
                + expired;
    }

    /** @return the counts, the futures completed and where the producing thread stands, for a failure message */
    String describe() {
        StringBuilder b = new StringBuilder(toString()).append(" futures completed=").append(outcomes)
                .append(" (acknowledged ").append(acknowledgedIds.size()).append(", failed ").append(failedIds.size())
                .append("); producing thread ").append(thread.getState());
        for (StackTraceElement e : thread.getStackTrace()) {
            b.append("\n\tat ").append(e);
        }
        return b.toString();
    }

    /** Waits until {@link #settled()}, or fails saying where the accounting stands. */
    void awaitSettled(java.time.Duration timeout) {
        try {
            org.awaitility.Awaitility.await().atMost(timeout).until(this::settled);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("records without an outcome after " + timeout + ": " + describe(), e);
        }
    }

    static byte[] value(int id) {
        return ByteBuffer.allocate(64).putInt(0, id).array();
    }

    static int id(byte[] value) {
        return ByteBuffer.wrap(value).getInt();
    }
}
