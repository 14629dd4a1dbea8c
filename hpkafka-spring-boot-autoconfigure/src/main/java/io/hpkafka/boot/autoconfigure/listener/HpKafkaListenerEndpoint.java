package io.hpkafka.boot.autoconfigure.listener;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.hpkafka.config.DefaultOffset;
import org.jspecify.annotations.Nullable;

/**
 * One {@link HpKafkaListener @HpKafkaListener} method with its settings resolved (placeholders, SpEL, property
 * defaults and overrides): what the {@link HpKafkaListenerEndpointRegistry} builds a
 * {@link HpKafkaListenerContainer} from. Immutable.
 */
public final class HpKafkaListenerEndpoint {

    private final String id;

    private final List<String> topics;

    private final @Nullable Pattern topicPattern;

    private final @Nullable String groupId;

    private final int concurrency;

    private final boolean autoStartup;

    private final DefaultOffset startFrom;

    private final HpKafkaListenerProperties settings;

    private final ListenerMethod method;

    private final @Nullable String replyTopic;

    private final @Nullable Function<Object, byte[]> replyWriter;

    HpKafkaListenerEndpoint(String id, List<String> topics, @Nullable Pattern topicPattern, @Nullable String groupId,
            int concurrency, boolean autoStartup, DefaultOffset startFrom, HpKafkaListenerProperties settings,
            ListenerMethod method, @Nullable String replyTopic, @Nullable Function<Object, byte[]> replyWriter) {
        this.id = id;
        this.topics = List.copyOf(topics);
        this.topicPattern = topicPattern;
        this.groupId = groupId;
        this.concurrency = concurrency;
        this.autoStartup = autoStartup;
        this.startFrom = startFrom;
        this.settings = settings;
        this.method = method;
        this.replyTopic = replyTopic;
        this.replyWriter = replyWriter;
    }

    /**
     * Returns the endpoint's id.
     * @return the id, unique in the application
     */
    public String getId() {
        return this.id;
    }

    /**
     * Returns the topics named.
     * @return the topic names; empty with a pattern
     */
    public List<String> getTopics() {
        return this.topics;
    }

    /**
     * Returns the topic pattern.
     * @return the pattern, or null when topics are named
     */
    public @Nullable Pattern getTopicPattern() {
        return this.topicPattern;
    }

    /**
     * Returns the consumer group.
     * @return the group id, or null in simple mode
     */
    public @Nullable String getGroupId() {
        return this.groupId;
    }

    /**
     * Returns the number of consumers.
     * @return at least 1
     */
    public int getConcurrency() {
        return this.concurrency;
    }

    /**
     * Returns whether the container starts with the application context.
     * @return whether it does
     */
    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    /**
     * Returns where reading starts (simple mode) or where a partition without a committed offset starts (group
     * mode).
     * @return the position
     */
    public DefaultOffset getStartFrom() {
        return this.startFrom;
    }

    /**
     * Returns whether the method takes batches.
     * @return whether it does
     */
    public boolean isBatch() {
        return this.method.isBatch();
    }

    /**
     * Returns the listener's {@code hpkafka.listener.*} settings, with its overrides applied.
     * @return the settings; do not modify
     */
    public HpKafkaListenerProperties getSettings() {
        return this.settings;
    }

    /**
     * Returns the topic return values are forwarded to ({@code @SendTo}).
     * @return the topic, or null
     */
    public @Nullable String getReplyTopic() {
        return this.replyTopic;
    }

    @Nullable Function<Object, byte[]> getReplyWriter() {
        return this.replyWriter;
    }

    ListenerMethod getMethod() {
        return this.method;
    }

    @Override
    public String toString() {
        return "HpKafkaListenerEndpoint{id=" + this.id + ", topics=" + ((this.topicPattern != null)
                ? "pattern " + this.topicPattern : this.topics) + ", group=" + this.groupId + ", concurrency="
                + this.concurrency + ", batch=" + isBatch() + ", method="
                + this.method.getMethod().toGenericString() + '}';
    }

}
