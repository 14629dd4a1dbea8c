package io.hpkafka.boot.autoconfigure.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of {@link HpKafkaListener @HpKafkaListener} containers ({@code hpkafka.listener.*}). Each listener may
 * override any of them with its {@link HpKafkaListener#properties()}, named as here without the prefix
 * ({@code "ack-mode=MANUAL"}, {@code "retry.max-attempts=1"}).
 */
@ConfigurationProperties("hpkafka.listener")
public class HpKafkaListenerProperties {

    /**
     * Prefix of these properties.
     */
    public static final String PREFIX = "hpkafka.listener";

    /**
     * When processed records are committed (group mode).
     */
    private AckMode ackMode = AckMode.BATCH;

    /**
     * Records between two commits in ack mode COUNT and COUNT_TIME.
     */
    private int ackCount = 1;

    /**
     * Time between two commits in ack mode TIME and COUNT_TIME.
     */
    private Duration ackTime = Duration.ofSeconds(5);

    /**
     * Consumers per listener (each its own thread; in group mode, members splitting the partitions) when the
     * annotation does not say.
     */
    private int concurrency = 1;

    /**
     * Whether listener containers start with the application context.
     */
    private boolean autoStartup = true;

    /**
     * Longest wait, when a container stops, for the records in hand to finish before it commits and leaves; then
     * their listeners are interrupted, and a record whose listener fails so is not committed (it comes again). A
     * listener that ignores the interrupt keeps its consumer, and the client's close, waiting until it returns.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /**
     * Whether listener invocations are observed with Micrometer Observation (a trace continuing the one in the
     * record's traceparent header, when a tracer is configured); needs an ObservationRegistry bean.
     */
    private boolean observationEnabled = false;

    /**
     * Deserializer of keys: a bean name, or the name of a class implementing io.hpkafka.serialization.Deserializer
     * with a public no-argument constructor. Unset: the key parameter is converted like the payload.
     */
    private @Nullable String keyDeserializer;

    /**
     * Deserializer of values: a bean name, or a class name, as for key-deserializer. Unset: String, byte[] and
     * ByteBuffer payloads take the bytes, any other type is read as JSON (Jackson 3 on the class path).
     */
    private @Nullable String valueDeserializer;

    /**
     * Deserializers of keys per topic (bean or class names, as for key-deserializer), before key-deserializer. A
     * topic name with dots is written in brackets: key-deserializers[orders.v2].
     */
    private Map<String, String> keyDeserializers = new LinkedHashMap<>();

    /**
     * Deserializers of values per topic (bean or class names, as for value-deserializer), before
     * value-deserializer. A topic name with dots is written in brackets: value-deserializers[orders.v2].
     */
    private Map<String, String> valueDeserializers = new LinkedHashMap<>();

    private final Batch batch = new Batch();

    private final Retry retry = new Retry();

    private final DeadLetter deadLetter = new DeadLetter();

    public AckMode getAckMode() {
        return this.ackMode;
    }

    public void setAckMode(AckMode ackMode) {
        this.ackMode = ackMode;
    }

    public int getAckCount() {
        return this.ackCount;
    }

    public void setAckCount(int ackCount) {
        this.ackCount = ackCount;
    }

    public Duration getAckTime() {
        return this.ackTime;
    }

    public void setAckTime(Duration ackTime) {
        this.ackTime = ackTime;
    }

    public int getConcurrency() {
        return this.concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public boolean isObservationEnabled() {
        return this.observationEnabled;
    }

    public void setObservationEnabled(boolean observationEnabled) {
        this.observationEnabled = observationEnabled;
    }

    public Duration getShutdownTimeout() {
        return this.shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public @Nullable String getKeyDeserializer() {
        return this.keyDeserializer;
    }

    public void setKeyDeserializer(@Nullable String keyDeserializer) {
        this.keyDeserializer = keyDeserializer;
    }

    public @Nullable String getValueDeserializer() {
        return this.valueDeserializer;
    }

    public void setValueDeserializer(@Nullable String valueDeserializer) {
        this.valueDeserializer = valueDeserializer;
    }

    public Map<String, String> getKeyDeserializers() {
        return this.keyDeserializers;
    }

    public void setKeyDeserializers(Map<String, String> keyDeserializers) {
        this.keyDeserializers = keyDeserializers;
    }

    public Map<String, String> getValueDeserializers() {
        return this.valueDeserializers;
    }

    public void setValueDeserializers(Map<String, String> valueDeserializers) {
        this.valueDeserializers = valueDeserializers;
    }

    public Batch getBatch() {
        return this.batch;
    }

    public Retry getRetry() {
        return this.retry;
    }

    public DeadLetter getDeadLetter() {
        return this.deadLetter;
    }

    /**
     * Batch listeners ({@code hpkafka.listener.batch.*}).
     */
    public static class Batch {

        /**
         * Most records handed to a batch listener in one call.
         */
        private int maxSize = 500;

        /**
         * Longest a partial batch waits for more records before it is handed over.
         */
        private Duration maxWait = Duration.ofMillis(100);

        public int getMaxSize() {
            return this.maxSize;
        }

        public void setMaxSize(int maxSize) {
            this.maxSize = maxSize;
        }

        public Duration getMaxWait() {
            return this.maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

    }

    /**
     * Retries of a listener that throws ({@code hpkafka.listener.retry.*}).
     */
    public static class Retry {

        /**
         * Deliveries of a failing record, the first included, before it goes to the recoverer; 1 for no retry.
         */
        private int maxAttempts = 3;

        /**
         * Back-off before the first retry.
         */
        private Duration initialInterval = Duration.ofSeconds(1);

        /**
         * Factor applied to the back-off after each retry; 1 for a fixed back-off.
         */
        private double multiplier = 1.0;

        /**
         * Longest back-off between two retries.
         */
        private Duration maxInterval = Duration.ofSeconds(30);

        /**
         * Exceptions (and their subclasses) that go to the recoverer at once, without retry. Deserialization and
         * payload conversion failures never are retried.
         */
        private List<Class<? extends Throwable>> notRetryable = new ArrayList<>();

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialInterval() {
            return this.initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxInterval() {
            return this.maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

        public List<Class<? extends Throwable>> getNotRetryable() {
            return this.notRetryable;
        }

        public void setNotRetryable(List<Class<? extends Throwable>> notRetryable) {
            this.notRetryable = notRetryable;
        }

    }

    /**
     * Where records go that failed every attempt ({@code hpkafka.listener.dead-letter.*}).
     */
    public static class DeadLetter {

        /**
         * Whether failed records are published to a dead-letter topic; otherwise they are logged and skipped.
         */
        private boolean enabled = false;

        /**
         * Dead-letter topic of every listened topic; unset: the record's topic plus topic-suffix.
         */
        private @Nullable String topic;

        /**
         * Suffix of the dead-letter topic when no topic is set.
         */
        private String topicSuffix = ".DLT";

        /**
         * Longest wait for the dead-letter topic to acknowledge a record; on failure the record is retried later.
         */
        private Duration sendTimeout = Duration.ofSeconds(30);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getTopic() {
            return this.topic;
        }

        public void setTopic(@Nullable String topic) {
            this.topic = topic;
        }

        public String getTopicSuffix() {
            return this.topicSuffix;
        }

        public void setTopicSuffix(String topicSuffix) {
            this.topicSuffix = topicSuffix;
        }

        public Duration getSendTimeout() {
            return this.sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

    }

}
