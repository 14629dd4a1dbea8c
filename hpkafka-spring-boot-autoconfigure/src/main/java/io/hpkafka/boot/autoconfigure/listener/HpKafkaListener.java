package io.hpkafka.boot.autoconfigure.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the records of one or more topics. Every attribute but {@link #startFrom()} may
 * hold {@code ${...}} placeholders and {@code #{...}} SpEL expressions.
 * <p>
 * <b>Modes.</b> With a {@link #groupId()} (or {@code hpkafka.consumer.group-id}) the listener's consumers are members
 * of that consumer group: the group splits the partitions among them and among other instances of the application,
 * each partition starts at the group's committed offset, and processed records are committed as
 * {@code hpkafka.listener.ack-mode} says. Without a group id (simple mode, logged at start-up) every partition is
 * read from {@link #startFrom()} and nothing is committed.
 * <p>
 * <b>Parameters.</b> One parameter is the payload, converted to its type: by the configured value deserializer, else
 * {@code String} (UTF-8), {@code byte[]}, {@code ByteBuffer}, else JSON read into the parameter's (generic) type;
 * {@link io.hpkafka.record.KafkaRecord} takes the whole record. Others are marked:
 * {@code @Header(HpKafkaHeaders.RECEIVED_KEY)} the key, {@code @Header("name")} a record header converted to the
 * parameter's type, {@code @Headers Map<String, Object>} all headers, {@code @Header(HpKafkaHeaders.RECEIVED_TOPIC /
 * RECEIVED_PARTITION / OFFSET / RECEIVED_TIMESTAMP / TIMESTAMP_TYPE / GROUP_ID)} the record's coordinates
 * ({@code org.springframework.messaging.handler.annotation.Header}); an {@link Acknowledgment} parameter takes the
 * acknowledgment handle. A {@link #batch()} listener takes {@code List<T>} or {@code List<KafkaRecord>} (and an
 * optional {@link Acknowledgment}). A signature that cannot be served fails start-up naming the method.
 * <p>
 * <b>Errors.</b> A listener that throws is retried in place ({@code hpkafka.listener.retry.*}), holding only the
 * record's partition; then the record goes to the recoverer: logged and skipped, or published to a dead-letter topic
 * ({@code hpkafka.listener.dead-letter.*}). A record whose payload cannot be converted goes to the recoverer at once.
 * <p>
 * <b>Replies.</b> With {@code @SendTo("topic")} ({@code org.springframework.messaging.handler.annotation.SendTo}) a
 * non-null return value is produced to that topic with the incoming key.
 *
 * @see HpKafkaListenerEndpointRegistry
 * @see HpKafkaListenerProperties
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HpKafkaListener {

    /**
     * The topics to consume. Each entry may resolve to a comma-separated list. Either this or {@link #topicPattern()}.
     * @return the topic names
     */
    String[] topics() default {};

    /**
     * A regular expression (java.util.regex, matched against the whole name) of the topics to consume, evaluated at
     * start and again every {@code hpkafka.refresh-metadata-interval}; a new matching topic joins the subscription.
     * Internal topics never match. Either this or {@link #topics()}.
     * @return the pattern, or empty
     */
    String topicPattern() default "";

    /**
     * The consumer group, overriding {@code hpkafka.consumer.group-id}.
     * @return the group id, or empty for the property (and simple mode without it)
     */
    String groupId() default "";

    /**
     * The listener container's id in the {@link HpKafkaListenerEndpointRegistry}, unique in the application.
     * @return the id, or empty for a generated {@code hpKafkaListener#<n>}
     */
    String id() default "";

    /**
     * Consumers (and threads) of the listener: in group mode, members of the group splitting its partitions; in
     * simple mode, the partitions dealt among them.
     * @return a positive number, or empty for {@code hpkafka.listener.concurrency} (1)
     */
    String concurrency() default "";

    /**
     * Whether the container starts with the application context; otherwise start it through the registry.
     * @return {@code "true"} or {@code "false"}, or empty for {@code hpkafka.listener.auto-startup} (true)
     */
    String autoStartup() default "";

    /**
     * Whether the method takes batches: a {@code List} of payloads or records, at most
     * {@code hpkafka.listener.batch.max-size} of them, handed over once full or after
     * {@code hpkafka.listener.batch.max-wait}.
     * @return {@code "true"} or {@code "false"}; empty is false
     */
    String batch() default "";

    /**
     * Where reading starts: in simple mode, in every partition; in group mode, in partitions the group has no
     * committed offset for.
     * @return the start position; {@link StartFrom#DEFAULT} for {@code hpkafka.consumer.default-offset} (latest)
     */
    StartFrom startFrom() default StartFrom.DEFAULT;

    /**
     * Overrides of {@code hpkafka.listener.*} for this listener, as {@code "name=value"} without the prefix, e.g.
     * {@code "ack-mode=MANUAL"} or {@code "dead-letter.enabled=true"}. An unknown name fails start-up.
     * @return the overrides
     */
    String[] properties() default {};

}
