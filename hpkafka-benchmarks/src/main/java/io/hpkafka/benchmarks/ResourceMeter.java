package io.hpkafka.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads this JVM's resource counters before and after a measured interval. The broker runs in another process, so
 * everything counted here is the client's (plus the harness's own loop that hands records to it, the same for both
 * clients).
 * <ul>
 * <li>process CPU: {@code OperatingSystemMXBean.getProcessCpuTime} — every thread of this JVM, JIT and GC included;</li>
 * <li>thread CPU: {@code ThreadMXBean.getThreadCpuTime} summed over the threads alive at the end of the run, each
 *     minus its time at the start (the client's threads and the harness's calling thread; JIT and GC threads are not
 *     Java threads and do not count, nor do threads that ended during the run);</li>
 * <li>allocation: {@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes} — every Java thread since start,
 *     threads that ended included, so a client's short-lived pool threads are not lost;</li>
 * <li>GC: collections and their accumulated time from every {@code GarbageCollectorMXBean};</li>
 * <li>thread CPU by name: the same per-thread times grouped by thread name without its trailing number (so a
 *     pool's threads add up), to tell which of a client's threads spent the time.</li>
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
    public record Snapshot(long wallNanos, long processCpuNanos, long allocatedBytes, long gcCount, long gcMillis,
                    long brokerCpuNanos, Map<Long, Long> cpuNanosByThreadId) {
    }

    /** Counter differences over a run; times in ns, {@code brokerCpuNanos} -1 when the broker is not ours. */
    public record Usage(long wallNanos, long processCpuNanos, long threadCpuNanos, long allocatedBytes, long gcCount,
                 long gcMillis, long brokerCpuNanos, Map<String, Long> threadCpuNanosByName) {
    }

    /** A pool thread's number, dropped so that a pool's threads group under one name. */
    private static final Pattern THREAD_NUMBER = Pattern.compile("-?\\d+$");

    private final ProcessHandle broker;

    /** @param broker the broker process, to report its CPU too; {@code null} with an external cluster */
    ResourceMeter(ProcessHandle broker) {
        this.broker = broker;
    }

    /** @return the broker process whose CPU is counted, or {@code null} */
    ProcessHandle broker() {
        return broker;
    }

    public Snapshot snapshot() {
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        Map<Long, Long> byThread = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] > 0) {
                byThread.put(ids[i], cpu[i]);
            }
        }
        return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(),
                THREADS.getTotalThreadAllocatedBytes(), gcCount, gcMillis, brokerCpuNanos(), byThread);
    }

    public Usage since(Snapshot start) {
        Snapshot end = snapshot();
        // Per thread alive at the end: a thread that ended took its CPU time along, and subtracting a sum taken while
        // it lived would make the figure negative; this undercounts such threads instead.
        long threadCpu = 0;
        for (Map.Entry<Long, Long> e : end.cpuNanosByThreadId.entrySet()) {
            threadCpu += Math.max(0, e.getValue() - start.cpuNanosByThreadId.getOrDefault(e.getKey(), 0L));
        }
        Map<String, Long> byName = new TreeMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(end.cpuNanosByThreadId.keySet().stream().mapToLong(Long::longValue)
                .toArray())) {
            if (t != null) {
                long spent = end.cpuNanosByThreadId.get(t.getThreadId())
                        - start.cpuNanosByThreadId.getOrDefault(t.getThreadId(), 0L);
                if (spent > 0) {
                    byName.merge(THREAD_NUMBER.matcher(t.getThreadName()).replaceFirst(""), spent, Long::sum);
                }
            }
        }
        return new Usage(end.wallNanos - start.wallNanos, end.processCpuNanos - start.processCpuNanos,
                threadCpu, end.allocatedBytes - start.allocatedBytes,
                end.gcCount - start.gcCount, end.gcMillis - start.gcMillis,
                start.brokerCpuNanos < 0 || end.brokerCpuNanos < 0 ? -1 : end.brokerCpuNanos - start.brokerCpuNanos,
                byName);
    }

    private long brokerCpuNanos() {
        if (broker == null) {
            return -1;
        }
        return broker.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }
}
