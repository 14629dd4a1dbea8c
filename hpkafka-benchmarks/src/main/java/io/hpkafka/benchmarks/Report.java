package io.hpkafka.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns the runs into the Markdown table (medians over repetitions per workload, configuration and client), the ratios
 * hpkafka / peer, the goals with where we stand, and a JSON file with every run.
 */
final class Report {

    static final String HPKAFKA = "hpkafka";

    /** Medians over the repetitions of one client in one configuration. */
    record Summary(String workload, String config, String client, int runs, double recordsPerSecond,
                   double megabytesPerSecond, double cpuSecondsPerMillion, double threadCpuSecondsPerMillion,
                   double allocatedBytesPerRecord, double gcCount, double gcMillis, double brokerCpuSecondsPerMillion,
                   double otherCores, Map<String, Double> extra, Map<String, Double> threadCpu) {
    }

    private final List<RunResult> runs;
    private final List<Summary> summaries = new ArrayList<>();
    /** The runs of each workload, configuration and client, in repetition order. */
    private final Map<String, List<RunResult>> groups = new LinkedHashMap<>();

    Report(List<RunResult> runs) {
        this.runs = runs;
        for (RunResult r : runs) {
            groups.computeIfAbsent(key(r.workload(), r.config(), r.client()), k -> new ArrayList<>()).add(r);
        }
        for (List<RunResult> g : groups.values()) {
            RunResult first = g.get(0);
            Map<String, Double> extra = new LinkedHashMap<>();
            for (String key : first.extra().keySet()) {
                extra.put(key, median(g, r -> r.extra().getOrDefault(key, Double.NaN)));
            }
            Map<String, Double> threadCpu = new LinkedHashMap<>();
            g.forEach(r -> r.threadCpuSecondsPerMillionByName().forEach((name, v) -> threadCpu.merge(name, v / g.size(),
                    Double::sum)));
            summaries.add(new Summary(first.workload(), first.config(), first.client(), g.size(),
                    median(g, RunResult::recordsPerSecond), median(g, RunResult::megabytesPerSecond),
                    median(g, RunResult::cpuSecondsPerMillion), median(g, RunResult::threadCpuSecondsPerMillion),
                    median(g, RunResult::allocatedBytesPerRecord), median(g, r -> r.usage().gcCount()),
                    median(g, r -> r.usage().gcMillis()), median(g, RunResult::brokerCpuSecondsPerMillion),
                    max(g, r -> r.otherCores() + Math.max(0, r.stealCores())), extra, threadCpu));
        }
    }

    List<Summary> summaries() {
        return summaries;
    }

    // ---------------------------------------------------------------- Markdown

    String markdown(String header, List<String> notes, List<String> failures) {
        StringBuilder md = new StringBuilder();
        md.append(header).append('\n');
        md.append("### Results (median of the repetitions)\n\n");
        md.append("| workload | config | client | runs | records/s | MB/s | CPU s / M rec (process) | CPU s / M rec "
                + "(Java threads) | bytes alloc / rec | GC per run (n / ms) | broker CPU s / M rec | other load + steal "
                + "(cores, highest run) |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Summary s : summaries) {
            if (s.workload().equals("latency")) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %,.0f | %.1f | %.2f | %.2f | %,.0f | %.0f / %.0f | %s | %s |%n",
                    s.workload(), s.config(), s.client(), s.runs(), s.recordsPerSecond(), s.megabytesPerSecond(),
                    s.cpuSecondsPerMillion(), s.threadCpuSecondsPerMillion(), s.allocatedBytesPerRecord(),
                    s.gcCount(), s.gcMillis(), num(s.brokerCpuSecondsPerMillion(), "%.2f"), num(s.otherCores(), "%.2f")));
        }
        appendThreadCpu(md);
        List<Summary> latency = summaries.stream().filter(s -> s.workload().equals("latency")).toList();
        if (!latency.isEmpty()) {
            md.append("\n### End-to-end latency (µs, median of the repetitions' percentiles)\n\n");
            md.append("| config | client | runs | samples/s | p50 | p99 | p99.9 | max | p99 of each run | CPU s / M rec "
                    + "| bytes alloc / rec | GC per run (n / ms) |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
            for (Summary s : latency) {
                String perRun = runs.stream().filter(r -> r.workload().equals(s.workload())
                                && r.config().equals(s.config()) && r.client().equals(s.client()))
                        .map(r -> String.format(Locale.ROOT, "%,.0f", r.extra().get("p99_us")))
                        .collect(java.util.stream.Collectors.joining(" / "));
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %s | %.2f | %,.0f | %.0f / %.0f |%n",
                        s.config(), s.client(), s.runs(), s.recordsPerSecond(), s.extra().get("p50_us"),
                        s.extra().get("p99_us"), s.extra().get("p99.9_us"), s.extra().get("max_us"), perRun,
                        s.cpuSecondsPerMillion(), s.allocatedBytesPerRecord(), s.gcCount(), s.gcMillis()));
            }
        }
        StringBuilder ratios = new StringBuilder();
        ratios.append("\n### Ratios hpkafka / peer (records/s: higher is better; CPU, allocation, latency: lower is better; the "
                + "median of each hpkafka run against the peer run right after it)\n\n");
        ratios.append("| workload | config | hpkafka | peer | records/s | CPU / rec (process) | CPU / rec (threads) | alloc / rec "
                + "| p99 latency |\n");
        ratios.append("|---|---|---|---|---:|---:|---:|---:|---:|\n");
        int ratioRows = 0;
        for (Summary hp : summaries) {
            if (!hp.client().startsWith(HPKAFKA)) {
                continue;
            }
            for (Summary peer : summaries) {
                if (peer == hp || !peer.workload().equals(hp.workload()) || !peer.config().equals(hp.config())
                        || peer.client().startsWith(HPKAFKA)) {
                    continue;
                }
                ratioRows++;
                ratios.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", hp.workload(),
                        hp.config(), hp.client(), peer.client(),
                        times(pairedRatio(hp, peer, RunResult::recordsPerSecond)),
                        times(pairedRatio(hp, peer, RunResult::cpuSecondsPerMillion)),
                        times(pairedRatio(hp, peer, RunResult::threadCpuSecondsPerMillion)),
                        times(pairedRatio(hp, peer, RunResult::allocatedBytesPerRecord)),
                        hp.workload().equals("latency")
                                ? times(pairedRatio(hp, peer, r -> r.extra().getOrDefault("p99_us", Double.NaN)))
                                : "—"));
            }
        }
        if (ratioRows > 0) {
            md.append(ratios);
        }
        appendManyConsumers(md);
        StringBuilder goals = new StringBuilder();
        goals(goals);
        if (!goals.isEmpty()) {
            md.append("\n### The issue's goals\n\n");
            md.append("| goal | target | measured | met |\n|---|---|---|---|\n");
            md.append(goals);
        }
        List<String> shared = runs.stream().filter(r -> r.otherCores() >= BenchContext.QUIET_CORES
                        || r.stealCores() >= BenchContext.QUIET_CORES)
                .map(r -> String.format(Locale.ROOT, "%s %s %s #%d (other %.2f, steal %.2f cores)", r.workload(),
                        r.config(), r.client(), r.repetition(), r.otherCores(), r.stealCores())).toList();
        if (!shared.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nRuns that shared the machine (other processes or the hypervisor's "
                    + "steal took %.2f cores or more on average): %d of %d: %s%n", BenchContext.QUIET_CORES,
                    shared.size(), runs.size(), String.join("; ", shared)));
        }
        if (!notes.isEmpty()) {
            md.append("\nNotes:\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        if (!failures.isEmpty()) {
            md.append("\nFailed runs:\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    private void goals(StringBuilder md) {
        Summary hpProducer = find("producer", "acks=1 none", HPKAFKA);
        Summary peerProducer = find("producer", "acks=1 none", "kafka-clients");
        if (hpProducer != null && peerProducer != null) {
            goal(md, "producer records/s, 100 B, acks=1 none", "≥ 2×",
                    pairedRatio(hpProducer, peerProducer, RunResult::recordsPerSecond), true, 2.0);
            goal(md, "producer client CPU per record", "≤ 0.4×",
                    pairedRatio(hpProducer, peerProducer, RunResult::cpuSecondsPerMillion), false, 0.4);
            goal(md, "producer allocation per record", "≤ 0.25×",
                    pairedRatio(hpProducer, peerProducer, RunResult::allocatedBytesPerRecord), false, 0.25);
        }
        Summary hpConsumer = find("consumer", "from earliest", HPKAFKA);
        Summary peerConsumer = find("consumer", "from earliest", "kafka-clients");
        if (hpConsumer != null && peerConsumer != null) {
            goal(md, "consumer records/s", "≥ 1.5×",
                    pairedRatio(hpConsumer, peerConsumer, RunResult::recordsPerSecond), true, 1.5);
            goal(md, "consumer allocation per record", "≤ 0.5×",
                    pairedRatio(hpConsumer, peerConsumer, RunResult::allocatedBytesPerRecord), false, 0.5);
        }
        for (Summary s : summaries) {
            if (s.workload().equals("listener") && s.client().equals(ListenerWorkload.SPRING_KAFKA)) {
                Summary hp = find("listener", s.config(), ListenerWorkload.HPKAFKA);
                if (hp != null) {
                    goal(md, "@HpKafkaListener records/s vs @KafkaListener, " + s.config(), "≥ 2×",
                            pairedRatio(hp, s, RunResult::recordsPerSecond), true, 2.0);
                }
            }
            if (s.workload().equals("latency") && s.client().startsWith(HPKAFKA)) {
                Summary peer = find("latency", s.config(), "kafka-clients");
                if (peer != null && s.client().contains("kafka-clients")) {
                    // A mixed pair tells which side adds latency; it is not a goal of its own.
                    md.append(String.format(Locale.ROOT, "| end-to-end p99 at %s, %s, for reference | — | %.2f | — |%n",
                            s.config(), s.client(), pairedRatio(s, peer, P99)));
                } else if (peer != null) {
                    goal(md, "end-to-end p99 at " + s.config() + ", " + s.client(), "≤ 1×",
                            pairedRatio(s, peer, P99), false, 1.0);
                }
            }
        }
        // The goal is against the broker's best (two connections); one connection is what a client that sends one
        // request at a time per broker connection, as both clients here do, can hope for.
        List<Summary> ceilings = summaries.stream().filter(s -> s.workload().equals("ceiling"))
                .sorted(java.util.Comparator.comparingDouble(Summary::recordsPerSecond).reversed()).toList();
        if (!ceilings.isEmpty() && hpProducer != null) {
            Summary best = ceilings.get(0);
            goal(md, "producer share of the ceiling (hpkafka), " + best.config(), "≥ 0.85",
                    hpProducer.recordsPerSecond() / best.recordsPerSecond(), true, 0.85);
            for (Summary ceiling : ceilings) {
                if (ceiling != best) {
                    md.append(String.format(Locale.ROOT, "| producer share of the ceiling (hpkafka), %s, for "
                            + "reference | — | %.2f | — |%n", ceiling.config(),
                            hpProducer.recordsPerSecond() / ceiling.recordsPerSecond()));
                }
            }
            if (peerProducer != null) {
                md.append(String.format(Locale.ROOT, "| producer share of the ceiling (kafka-clients, for reference), "
                        + "%s | — | %.2f | — |%n", best.config(), peerProducer.recordsPerSecond()
                        / best.recordsPerSecond()));
            }
        }
    }

    /**
     * The consumers workload: the two fetch designs side by side per shape, and per-consumer / combined as the median
     * of the ratios of each repetition's pair (the modes alternate A B B A, so a pair ran next to each other).
     */
    private void appendManyConsumers(StringBuilder md) {
        List<Summary> rows = summaries.stream().filter(s -> s.workload().equals("consumers")).toList();
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n### Several consumers on one client: one Fetch per broker or one per consumer (median of the "
                + "repetitions; each mode in a child JVM of its own)\n\n");
        md.append("| shape | fetch design | runs | records/s | CPU s / M rec (process) | bytes alloc / rec | Fetch "
                + "requests | records / Fetch | first / last consumer done (s) | broker CPU s / M rec | other load + "
                + "steal (cores, highest run) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Summary s : rows) {
            Double first = s.extra().get("first_consumer_done_s");
            Double last = s.extra().get("last_consumer_done_s");
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.2f | %,.0f | %,.0f | %,.0f | %s | %s | %s |%n",
                    s.config(), s.client(), s.runs(), s.recordsPerSecond(), s.cpuSecondsPerMillion(),
                    s.allocatedBytesPerRecord(), s.extra().getOrDefault("fetch_requests", Double.NaN),
                    s.extra().getOrDefault("records_per_fetch", Double.NaN),
                    first == null ? "—" : String.format(Locale.ROOT, "%.2f / %.2f", first, last),
                    num(s.brokerCpuSecondsPerMillion(), "%.2f"), num(s.otherCores(), "%.2f")));
        }
        md.append("\n| shape | per consumer / per broker: records/s | CPU / rec (process) | alloc / rec | Fetch "
                + "requests | records/s of each pair (per consumer / per broker) |\n|---|---:|---:|---:|---:|---|\n");
        for (Summary combined : rows) {
            if (!combined.client().equals(ManyConsumersWorkload.Mode.COMBINED.label)) {
                continue;
            }
            Summary per = find("consumers", combined.config(), ManyConsumersWorkload.Mode.PER_CONSUMER.label);
            if (per == null) {
                continue;
            }
            List<RunResult> a = groups.get(key(per.workload(), per.config(), per.client()));
            List<RunResult> b = groups.get(key(combined.workload(), combined.config(), combined.client()));
            StringBuilder pairs = new StringBuilder();
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                pairs.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f / %,.0f",
                        a.get(i).recordsPerSecond(), b.get(i).recordsPerSecond()));
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", combined.config(),
                    times(pairedRatio(per, combined, RunResult::recordsPerSecond)),
                    times(pairedRatio(per, combined, RunResult::cpuSecondsPerMillion)),
                    times(pairedRatio(per, combined, RunResult::allocatedBytesPerRecord)),
                    times(pairedRatio(per, combined, r -> r.extra().getOrDefault("fetch_requests", Double.NaN))),
                    pairs));
        }
    }

    /** Which threads spent the client's CPU: the Java threads' column of the results, split by thread name. */
    private void appendThreadCpu(StringBuilder md) {
        List<Summary> measured = summaries.stream().filter(s -> !s.workload().equals("ceiling")
                && !s.workload().equals("latency") && !s.threadCpu().isEmpty()).toList();
        if (measured.isEmpty()) {
            return;
        }
        md.append("\n### Client CPU by thread (CPU s / M rec, mean of the repetitions; the busiest four)\n\n");
        md.append("| workload | config | client | threads |\n|---|---|---|---|\n");
        for (Summary s : measured) {
            StringBuilder threads = new StringBuilder();
            s.threadCpu().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
                    .forEach(e -> threads.append(threads.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT,
                            "`%s` %.2f", e.getKey().replace("|", "/"), e.getValue())));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", s.workload(), s.config(), s.client(),
                    threads));
        }
    }

    private static void goal(StringBuilder md, String what, String target, double value, boolean higherIsBetter,
                             double bound) {
        boolean met = higherIsBetter ? value >= bound : value <= bound;
        md.append(String.format(Locale.ROOT, "| %s | %s | %.2f× | %s |%n", what, target, value, met ? "yes" : "no"));
    }

    private Summary find(String workload, String config, String client) {
        return summaries.stream().filter(s -> s.workload().equals(workload) && s.config().equals(config)
                && s.client().equals(client)).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- JSON

    String json(Map<String, String> machine, List<String> notes, List<String> failures) {
        StringBuilder j = new StringBuilder("{\n  \"machine\": {");
        int i = 0;
        for (Map.Entry<String, String> e : machine.entrySet()) {
            j.append(i++ == 0 ? "" : ", ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
        }
        j.append("},\n  \"runs\": [\n");
        for (i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            ResourceMeter.Usage u = r.usage();
            j.append("    {\"workload\": ").append(str(r.workload())).append(", \"config\": ").append(str(r.config()))
                    .append(", \"client\": ").append(str(r.client())).append(", \"repetition\": ").append(r.repetition())
                    .append(", \"records\": ").append(r.records()).append(", \"payloadBytes\": ").append(r.payloadBytes())
                    .append(", \"seconds\": ").append(d(r.seconds()))
                    .append(", \"recordsPerSecond\": ").append(d(r.recordsPerSecond()))
                    .append(", \"megabytesPerSecond\": ").append(d(r.megabytesPerSecond()))
                    .append(", \"processCpuNanos\": ").append(u.processCpuNanos())
                    .append(", \"threadCpuNanos\": ").append(u.threadCpuNanos())
                    .append(", \"allocatedBytes\": ").append(u.allocatedBytes())
                    .append(", \"gcCount\": ").append(u.gcCount()).append(", \"gcMillis\": ").append(u.gcMillis())
                    .append(", \"brokerCpuNanos\": ").append(u.brokerCpuNanos())
                    .append(", \"otherCpuNanos\": ").append(u.otherCpuNanos())
                    .append(", \"stealNanos\": ").append(u.stealNanos())
                    .append(", \"cpuSecondsPerMillion\": ").append(d(r.cpuSecondsPerMillion()))
                    .append(", \"allocatedBytesPerRecord\": ").append(d(r.allocatedBytesPerRecord()));
            for (Map.Entry<String, Double> e : r.extra().entrySet()) {
                j.append(", ").append(str(e.getKey())).append(": ").append(d(e.getValue()));
            }
            j.append(", \"threadCpuSecondsPerMillionByName\": {");
            int t = 0;
            for (Map.Entry<String, Double> e : r.threadCpuSecondsPerMillionByName().entrySet()) {
                j.append(t++ == 0 ? "" : ", ").append(str(e.getKey())).append(": ").append(d(e.getValue()));
            }
            j.append('}');
            j.append(i + 1 < runs.size() ? "},\n" : "}\n");
        }
        j.append("  ],\n  \"notes\": [");
        for (i = 0; i < notes.size(); i++) {
            j.append(i == 0 ? "" : ", ").append(str(notes.get(i)));
        }
        j.append("],\n  \"failures\": [");
        for (i = 0; i < failures.size(); i++) {
            j.append(i == 0 ? "" : ", ").append(str(failures.get(i)));
        }
        return j.append("]\n}\n").toString();
    }

    void write(Path dir, String markdown, String json) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), markdown);
        Files.writeString(dir.resolve("results.json"), json);
    }

    // ---------------------------------------------------------------- helpers

    /** The median: with three or more repetitions one slow outlier (a broker GC, a JIT pause) does not move it. */
    private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
    /** The highest value (NaN when every run's is unknown): whether any run shared the machine. */
    private static double max(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return runs.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    private static final ToDoubleFunction<RunResult> P99 = r -> r.extra().getOrDefault("p99_us", Double.NaN);

    private static String key(String workload, String config, String client) {
        return workload + "\u0000" + config + "\u0000" + client;
    }

    /**
     * hpkafka / peer as the median of the per-repetition ratios: runs alternate A B A B, so each hpkafka run is set
     * against the peer run next to it, and drift of the machine between repetitions cancels out. Falls back to the
     * ratio of the medians when the repetitions do not pair up.
     */
    private double pairedRatio(Summary hp, Summary peer, ToDoubleFunction<RunResult> metric) {
        List<RunResult> a = groups.getOrDefault(key(hp.workload(), hp.config(), hp.client()), List.of());
        List<RunResult> b = groups.getOrDefault(key(peer.workload(), peer.config(), peer.client()), List.of());
        if (a.isEmpty() || a.size() != b.size()) {
            return median(a, metric) / median(b, metric);
        }
        double[] ratios = new double[a.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = metric.applyAsDouble(a.get(i)) / metric.applyAsDouble(b.get(i));
        }
        Arrays.sort(ratios);
        int n = ratios.length;
        return n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
    }

    private static String times(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "—" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, format, v);
    }

    private static String d(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
