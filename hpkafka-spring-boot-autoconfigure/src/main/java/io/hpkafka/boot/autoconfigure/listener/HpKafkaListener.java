package io.hpkafka.boot.autoconfigure.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the records of one or more topics, one record at a time. The method takes exactly
 * one parameter, the payload: {@code String} (the value decoded as UTF-8), {@code byte[]} (the value's bytes) or
 * {@link io.hpkafka.record.KafkaRecord} (everything: key, headers, partition, offset, timestamp). A tombstone
 * arrives as {@code null} for the first two. Any other signature fails start-up with a message naming the method.
 * <p>
 * Every partition of each topic is consumed, without a consumer group and without committing offsets. Listening starts
 * once the application context is refreshed and stops before the {@link io.hpkafka.ClusterClient} is closed. While a
 * method runs, no other record is delivered by the client: a slow method slows consumption down (back-pressure). A
 * method that throws is logged with the record's topic, partition and offset, and consumption goes on.
 *
 * @see HpKafkaListenerEndpointRegistry
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HpKafkaListener {

    /**
     * The topics to consume. Each entry may hold {@code ${...}} placeholders and may resolve to a comma-separated list.
     * @return the topic names, at least one
     */
    String[] topics();

    /**
     * The endpoint's id in the {@link HpKafkaListenerEndpointRegistry}, unique in the application; may hold
     * {@code ${...}} placeholders.
     * @return the id, or empty for a generated {@code hpKafkaListener#<n>}
     */
    String id() default "";

    /**
     * Where consumption starts in each partition. As the client reads each partition once, all listeners of a topic
     * must agree on it; otherwise start-up fails.
     * @return the start position; {@link StartFrom#LATEST} by default, like Kafka's {@code auto.offset.reset}
     */
    StartFrom startFrom() default StartFrom.LATEST;

}
