package io.hpkafka.benchmarks;

import io.hpkafka.test.KafkaBrokerProcess;
import io.hpkafka.test.TestCertificates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's broker: hpkafka-test's {@link KafkaBrokerProcess} (a single KRaft node in its own JVM, so the
 * client's CPU and allocation counters never include the broker's) with a broker's production sizing rather than a
 * test's, and settings that give disk space back soon after each workload deletes its topics.
 */
final class BrokerProcess {

    /** A fixed 1 GB heap (the broker's own sizing guidance for small nodes) and G1. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true");

    private BrokerProcess() {
    }

    /**
     * Formats a fresh log folder and starts the broker; returns once it serves metadata.
     *
     * @param parent where the broker's folder (configuration, log, KRaft metadata) is made
     */
    static KafkaBrokerProcess start(Path parent) throws IOException, InterruptedException {
        return start(parent, null);
    }

    /**
     * As {@link #start(Path)}, with an SSL listener using these certificates when not null ({@code --tls}).
     */
    static KafkaBrokerProcess start(Path parent, TestCertificates certificates)
            throws IOException, InterruptedException {
        // INFO to the broker's console log (broker.log in its folder): its story if a run goes wrong.
        Path log4j = parent.resolve("hpkafka-bench-broker-log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "appender.console.type=Console",
                "appender.console.name=console",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.console.ref=console",
                "logger.state.name=state.change.logger",
                "logger.state.level=WARN",
                ""));
        KafkaBrokerProcess.Builder builder = KafkaBrokerProcess.builder();
        if (certificates != null) {
            builder.tlsListener(certificates.brokerProperties(false));
        }
        return builder
                .parentDirectory(parent)
                .jvmOptions(concat(JVM_OPTIONS, "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath()))
                .brokerProperty("auto.create.topics.enable", "false")
                // Benchmark topics are deleted after their workload; give the space back soon.
                .brokerProperty("log.segment.delete.delay.ms", "1000")
                // The ceiling's floods write GBs: their topics' retention.bytes must apply within seconds.
                .brokerProperty("log.retention.check.interval.ms", "1000")
                .brokerProperty("log.initial.task.delay.ms", "1000")
                .brokerProperty("file.delete.delay.ms", "1000")
                .start();
    }

    private static List<String> concat(List<String> options, String option) {
        List<String> all = new java.util.ArrayList<>(options);
        all.add(option);
        return all;
    }
}
