/**
 * {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListener @HpKafkaListener} support. Methods are found by
 * {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerAnnotationBeanPostProcessor} and resolved into
 * {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpoint endpoints}; the
 * {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry} runs each in a
 * {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerContainer}: consumers of the shared
 * {@link io.hpkafka.ClusterClient}, each with its own thread, whose records go through a record or batch handler (payload
 * conversion, the method call, retries, the {@link io.hpkafka.boot.autoconfigure.listener.RecordRecoverer}) and whose
 * commits an offset tracker decides ({@link io.hpkafka.boot.autoconfigure.listener.AckMode}).
 */
@NullMarked
package io.hpkafka.boot.autoconfigure.listener;

import org.jspecify.annotations.NullMarked;
