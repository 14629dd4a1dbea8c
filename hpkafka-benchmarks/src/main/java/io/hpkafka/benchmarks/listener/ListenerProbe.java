package io.hpkafka.benchmarks.listener;

import io.hpkafka.benchmarks.ResourceMeter;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the listener beans report each record. A static slot, because Spring creates the beans: one probe is installed
 * per run. Takes the meter's snapshot at the first record and its reading at the {@code records}-th, so the measured
 * interval is the dispatch of {@code records - 1} records; it goes on counting every record delivered after that, for
 * the check against the committed offsets once the container stopped.
 */
public final class ListenerProbe {

    private static volatile ListenerProbe current;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final long records;
    private final ResourceMeter meter;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile ResourceMeter.Snapshot start;
    private volatile ResourceMeter.Usage usage;
    private volatile long jitMillisAtStart;
    private volatile long jitMillis;
    private volatile Thread waiter;

    private ListenerProbe(long records, ResourceMeter meter) {
        this.records = records;
        this.meter = meter;
    }

    public static ListenerProbe install(long records, ResourceMeter meter) {
        ListenerProbe probe = new ListenerProbe(records, meter);
        current = probe;
        return probe;
    }

    public static void uninstall() {
        current = null;
    }

    /** Called by the listener methods with each record's value. */
    static void received(String value) {
        ListenerProbe probe = current;
        if (probe == null) {
            return;
        }
        long n = probe.count.incrementAndGet();
        if (n == 1) {
            probe.jitMillisAtStart = jitMillisSoFar();
            probe.start = probe.meter.snapshot();
            return;
        }
        if (n > probe.records) {
            return;
        }
        probe.bytes.addAndGet(value == null ? 0 : value.length());
        if (n == probe.records) {
            probe.usage = probe.meter.since(probe.start);
            probe.jitMillis = jitMillisSoFar() - probe.jitMillisAtStart;
            Thread w = probe.waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    public void await(long timeoutMs) throws TimeoutException {
        waiter = Thread.currentThread();
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (usage == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(count.get() + " of " + records + " records arrived in " + timeoutMs + " ms");
            }
            LockSupport.parkNanos(this, Math.min(left, 10_000_000));
        }
    }

    /** @return the JIT compilers' accumulated time in this JVM, in ms (-1 when the JVM does not tell) */
    public static long jitMillisSoFar() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }

    /** @return the JIT compilers' time during the measured interval, in ms */
    public long jitMillis() {
        return jitMillis;
    }

    /** @return every record delivered to the listener since the probe was installed */
    public long count() {
        return count.get();
    }

    public ResourceMeter.Usage usage() {
        return usage;
    }

    /** @return records dispatched in the measured interval (every one after the first) */
    public long measuredRecords() {
        return records - 1;
    }

    public long measuredBytes() {
        return bytes.get();
    }
}
