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

    /** @return the names of the clients' threads ({@code hpkafka-*}, without the embedded broker's), sorted */
    static java.util.List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("hpkafka-")
                        && !t.getName().startsWith("hpkafka-embedded"))
                .map(Thread::getName).sorted().toList();
    }

    /**
     * Asserts no growth: the clients' own threads (I/O loop, timer) the same by name; workers of the shared pool, a
     * cached pool whose size follows the load of the moment (created on demand, retired after 60 s idle, several
     * bounded executors per client), within 5 of the count before, as the JVM's threads; heap after GC within 64 MB.
     */
    static void assertStable(JvmFootprint before, java.util.List<String> threadsBefore, JvmFootprint after,
                             java.util.List<String> threadsAfter) {
        org.assertj.core.api.Assertions.assertThat(fixed(threadsAfter)).as("clients' own threads")
                .isEqualTo(fixed(threadsBefore));
        org.assertj.core.api.Assertions.assertThat(threadsAfter.size() - fixed(threadsAfter).size())
                .as("shared pool workers")
                .isLessThanOrEqualTo(threadsBefore.size() - fixed(threadsBefore).size() + 5);
        org.assertj.core.api.Assertions.assertThat(after.threads()).as("JVM threads")
                .isLessThanOrEqualTo(before.threads() + 5);
        org.assertj.core.api.Assertions.assertThat(after.heapBytes()).as("heap after GC")
                .isLessThanOrEqualTo(before.heapBytes() + (64L << 20));
    }

    private static java.util.List<String> fixed(java.util.List<String> names) {
        return names.stream().filter(n -> !n.startsWith("hpkafka-worker-")).toList();
    }

    @Override
    public String toString() {
        return threads + " threads, " + heapBytes / (1024 * 1024) + " MB heap";
    }
}
