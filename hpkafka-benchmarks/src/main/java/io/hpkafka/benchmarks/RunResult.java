package io.hpkafka.benchmarks;

import java.util.Map;

/**
 * One measured run of one client.
 *
 * @param workload producer, consumer, latency, listener or ceiling
 * @param config the settings that make runs comparable, e.g. {@code acks=1 codec=lz4}
 * @param client {@code hpkafka}, {@code kafka-clients}, {@code spring-kafka}, ...
 * @param repetition 1-based repetition (A B A B ordering)
 * @param records records produced or consumed in the measured interval
 * @param payloadBytes value bytes of those records (MB/s counts payload, not wire bytes)
 * @param usage resource counters over the measured interval
 * @param extra workload-specific figures (latency percentiles in µs, ...), in insertion order
 */
record RunResult(String workload, String config, String client, int repetition, long records, long payloadBytes,
                 ResourceMeter.Usage usage, Map<String, Double> extra) {

    double seconds() {
        return usage.wallNanos() / 1e9;
    }

    double recordsPerSecond() {
        return records / seconds();
    }

    double megabytesPerSecond() {
        return payloadBytes / seconds() / 1e6;
    }

    /** @return this JVM's CPU seconds per million records */
    double cpuSecondsPerMillion() {
        return records == 0 ? Double.NaN : usage.processCpuNanos() / 1e9 / (records / 1e6);
    }

    /** @return the live Java threads' CPU seconds per million records */
    double threadCpuSecondsPerMillion() {
        return records == 0 ? Double.NaN : usage.threadCpuNanos() / 1e9 / (records / 1e6);
    }

    double allocatedBytesPerRecord() {
        return records == 0 ? Double.NaN : (double) usage.allocatedBytes() / records;
    }

    /** @return CPU seconds per million records of each group of threads (by name), largest first */
    Map<String, Double> threadCpuSecondsPerMillionByName() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        usage.threadCpuNanosByName().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), records == 0 ? Double.NaN : e.getValue() / 1e9 / (records / 1e6)));
        return out;
    }

    /**
     * @return cores other processes of the machine kept busy during the run on average (neither this JVM nor the
     *     broker), or NaN when unknown
     */
    double otherCores() {
        return usage.otherCpuNanos() < 0 || usage.wallNanos() <= 0 ? Double.NaN
                : (double) usage.otherCpuNanos() / usage.wallNanos();
    }

    /** @return cores the hypervisor took from this machine during the run on average, or NaN when unknown */
    double stealCores() {
        return usage.stealNanos() < 0 || usage.wallNanos() <= 0 ? Double.NaN
                : (double) usage.stealNanos() / usage.wallNanos();
    }

    /** @return the broker process's CPU seconds per million records, or NaN when the broker is not ours */
    double brokerCpuSecondsPerMillion() {
        return records == 0 || usage.brokerCpuNanos() < 0 ? Double.NaN
                : usage.brokerCpuNanos() / 1e9 / (records / 1e6);
    }
}
