package io.hpkafka.samples.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the orders sample ({@code sample.*}).
 */
@ConfigurationProperties("sample")
public class SampleProperties {

    /**
     * Topic the order events are produced to and consumed from.
     */
    private String topic = "orders";

    /**
     * Number of order events to produce.
     */
    private int count = 100_000;

    /**
     * Partitions of the topic when the sample creates it (embedded broker only).
     */
    private int partitions = 6;

    /**
     * Longest time to wait for every event to come back before the run counts as failed.
     */
    private Duration timeout = Duration.ofSeconds(120);

    public String getTopic() {
        return this.topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public int getCount() {
        return this.count;
    }

    public void setCount(int count) {
        this.count = count;
    }

    public int getPartitions() {
        return this.partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

}
