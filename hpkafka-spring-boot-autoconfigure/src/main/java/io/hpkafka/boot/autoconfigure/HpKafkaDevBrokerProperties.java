package io.hpkafka.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the development broker ({@code hpkafka.dev-broker.*}) of the {@code hpkafka-spring-boot-dev-broker}
 * module, which starts only when {@code hpkafka.seeds} is not set. Kept here, with the other {@code hpkafka.*}
 * groups, so that their metadata and documentation are one; bound only when that module is present.
 */
@ConfigurationProperties("hpkafka.dev-broker")
public class HpKafkaDevBrokerProperties {

    /**
     * Whether to start an in-JVM broker when hpkafka.seeds is not set; false makes a missing hpkafka.seeds fail
     * start-up as it does without this module.
     */
    private boolean enabled = true;

    /**
     * Topics to create when the broker has started, before the client connects; the broker auto-creates others with
     * one partition on first use.
     */
    private List<String> topics = new ArrayList<>();

    /**
     * Partitions of each topic in hpkafka.dev-broker.topics.
     */
    private int partitions = 1;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getTopics() {
        return this.topics;
    }

    public void setTopics(List<String> topics) {
        this.topics = topics;
    }

    public int getPartitions() {
        return this.partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

}
