package io.hpkafka.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Reads this JVM's resource counters before and after a measured interval. The broker runs in another process, so
 * everything counted here is the client's (plus the harness's own loop that hands records to it, the same for both
 * clients).
 * <ul>
 * <li>process CPU: {@code OperatingSystemMXBean.getProcessCpuTime} — every thread of this JVM, JIT and GC included;</li>
 * <li>thread CPU: the sum of {@code ThreadMXBean.getThreadCpuTime} over the live threads (the client's threads and the
 *     harness's calling thread; JIT and GC threads are not Java threads and do not count);</li>
 * <li>allocation: {@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes} — every Java thread since start,
 *     threads that ended included, so a client's short-lived pool threads are not lost;</li>
 * <li>GC: collections and their accumulated time from every {@code GarbageCollectorMXBean}.</li>
 * </ul>
 * Not thread-safe; one meter per measured run.
 */
public final class ResourceMeter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (THREADS.isThreadCpuTimeSupported()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        if (THREADS.isThreadAllocatedMemorySupported()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** A reading of every counter; times in ns. */
    public record Snapshot(long wallNanos, long processCpuNanos, long threadCpuNanos, long allocatedBytes, long gcCount,
                    long gcMillis, long brokerCpuNanos) {
    }

    /** Counter differences over a run; times in ns, {@code brokerCpuNanos} -1 when the broker is not ours. */
    public record Usage(long wallNanos, long processCpuNanos, long threadCpuNanos, long allocatedBytes, long gcCount,
                 long gcMillis, long brokerCpuNanos) {
    }

    private final ProcessHandle broker;

    /** @param broker the broker process, to report its CPU too; {@code null} with an external cluster */
    ResourceMeter(ProcessHandle broker) {
        this.broker = broker;
    }

    public Snapshot snapshot() {
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), liveThreadsCpuNanos(),
                THREADS.getTotalThreadAllocatedBytes(), gcCount, gcMillis, brokerCpuNanos());
    }

    public Usage since(Snapshot start) {
        Snapshot end = snapshot();
        return new Usage(end.wallNanos - start.wallNanos, end.processCpuNanos - start.processCpuNanos,
                end.threadCpuNanos - start.threadCpuNanos, end.allocatedBytes - start.allocatedBytes,
                end.gcCount - start.gcCount, end.gcMillis - start.gcMillis,
                start.brokerCpuNanos < 0 || end.brokerCpuNanos < 0 ? -1 : end.brokerCpuNanos - start.brokerCpuNanos);
    }

    /**
     * Threads that end during the run take their CPU time with them, so this sum can undercount a client that
     * starts and stops threads; the process CPU time is the figure the report leads with.
     */
    private static long liveThreadsCpuNanos() {
        long sum = 0;
        for (long cpu : THREADS.getThreadCpuTime(THREADS.getAllThreadIds())) {
            if (cpu > 0) {
                sum += cpu;
            }
        }
        return sum;
    }

    private long brokerCpuNanos() {
        if (broker == null) {
            return -1;
        }
        return broker.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }
}
