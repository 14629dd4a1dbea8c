package io.hpkafka.faults;

import java.lang.management.ManagementFactory;

/**
 * Live threads and heap in use after a full collection, to compare before and after a fault: leaks show as growth.
 *
 * @param threads live threads of this JVM
 * @param heapBytes heap in use after {@code System.gc()}, in bytes
 */
record JvmFootprint(int threads, long heapBytes) {

    static JvmFootprint measure() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new JvmFootprint(ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** @return threads, in clients' threads named {@code hpkafka-*} (the client's own, without the embedded broker's) */
    static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("hpkafka-")
                        && !t.getName().startsWith("hpkafka-embedded"))
                .count();
    }

    @Override
    public String toString() {
        return threads + " threads, " + heapBytes / (1024 * 1024) + " MB heap";
    }
}
