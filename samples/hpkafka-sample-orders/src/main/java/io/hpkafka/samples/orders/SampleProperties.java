package io.hpkafka.samples.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the orders sample ({@code sample.*}).
 */
@ConfigurationProperties("sample")
public class SampleProperties {

    /**
     * Topic the order events (and the poison records) are produced to and consumed from.
     */
    private String topic = "orders";

    /**
     * Topic the listener's dead letters go to (hpkafka.listener.dead-letter publishes to the record's topic plus
     * hpkafka.listener.dead-letter.topic-suffix); unset: the topic plus ".DLT".
     */
    private String deadLetterTopic;

    /**
     * Number of order events to produce.
     */
    private int count = 100_000;

    /**
     * Number of poison records (values that are not JSON) to send among the order events; each must reach the
     * dead-letter topic.
     */
    private int poisonCount = 5;

    /**
     * Partitions of the topic and of its dead-letter topic, declared as beans (SampleTopics): created with this many
     * when missing; an existing topic with fewer is reported at start-up.
     */
    private int partitions = 6;

    /**
     * Consumers of the orders listener: members of its consumer group, sharing the topic's partitions.
     */
    private int concurrency = 3;

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

    public String getDeadLetterTopic() {
        return (this.deadLetterTopic != null && !this.deadLetterTopic.isBlank()) ? this.deadLetterTopic
                : this.topic + ".DLT";
    }

    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    public int getCount() {
        return this.count;
    }

    public void setCount(int count) {
        this.count = count;
    }

    public int getPoisonCount() {
        return this.poisonCount;
    }

    public void setPoisonCount(int poisonCount) {
        this.poisonCount = poisonCount;
    }

    public int getPartitions() {
        return this.partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public int getConcurrency() {
        return this.concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

}
