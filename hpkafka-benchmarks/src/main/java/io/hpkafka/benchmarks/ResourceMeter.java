package io.hpkafka.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *     pool's threads add up), to tell which of a client's threads spent the time;</li>
 * <li>other load: the whole machine's busy CPU time ({@code /proc/stat}: user, nice, system, irq, softirq; in ticks
 *     of 10 ms) minus this process's and the broker's, i.e. what other processes (a build, a test run) took from the
 *     cores during the run. A figure well above 0 marks a run that shared the machine;</li>
 * <li>steal: the time the hypervisor gave this virtual machine's cores to others ({@code /proc/stat} steal), which
 *     no process here sees but which slows every one of them.</li>
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
                    long brokerCpuNanos, long machineBusyNanos, long machineStealNanos,
                    Map<Long, Long> cpuNanosByThreadId) {
    }

    /**
     * Counter differences over a run; times in ns, {@code brokerCpuNanos} -1 when the broker is not ours,
     * {@code otherCpuNanos} (CPU time of every other process of the machine) and {@code stealNanos} (time the
     * hypervisor took from this machine's cores) -1 when unknown.
     */
    public record Usage(long wallNanos, long processCpuNanos, long threadCpuNanos, long allocatedBytes, long gcCount,
                 long gcMillis, long brokerCpuNanos, long otherCpuNanos, long stealNanos,
                 Map<String, Long> threadCpuNanosByName) {
    }

    /** Linux's USER_HZ: /proc/stat counts in ticks of 1/100 s. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC_STAT = Path.of("/proc/stat");

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
        long[] machine = machineNanos();
        return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(),
                THREADS.getTotalThreadAllocatedBytes(), gcCount, gcMillis, brokerCpuNanos(), machine[0], machine[1],
                byThread);
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
        long brokerCpu = start.brokerCpuNanos < 0 || end.brokerCpuNanos < 0 ? -1
                : end.brokerCpuNanos - start.brokerCpuNanos;
        long processCpu = end.processCpuNanos - start.processCpuNanos;
        long otherCpu = start.machineBusyNanos < 0 || end.machineBusyNanos < 0 ? -1
                : Math.max(0, end.machineBusyNanos - start.machineBusyNanos - processCpu - Math.max(0, brokerCpu));
        return new Usage(end.wallNanos - start.wallNanos, end.processCpuNanos - start.processCpuNanos,
                threadCpu, end.allocatedBytes - start.allocatedBytes,
                end.gcCount - start.gcCount, end.gcMillis - start.gcMillis,
                brokerCpu, otherCpu, start.machineStealNanos < 0 || end.machineStealNanos < 0 ? -1
                        : end.machineStealNanos - start.machineStealNanos, byName);
    }

    /** @return busy CPU time of the whole machine since boot, or -1 where {@code /proc/stat} is not there */
    static long machineBusyNanos() {
        return machineNanos()[0];
    }

    /** @return {busy, steal} time of the whole machine since boot, each -1 where {@code /proc/stat} is not there */
    private static long[] machineNanos() {
        try (BufferedReader in = Files.newBufferedReader(PROC_STAT)) {
            String line = in.readLine(); // cpu user nice system idle iowait irq softirq steal guest guest_nice
            if (line == null || !line.startsWith("cpu ")) {
                return new long[] {-1, -1};
            }
            String[] f = line.trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : -1;
            return new long[] {busy * NANOS_PER_TICK, steal < 0 ? -1 : steal * NANOS_PER_TICK};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    private long brokerCpuNanos() {
        if (broker == null) {
            return -1;
        }
        return broker.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }
}
