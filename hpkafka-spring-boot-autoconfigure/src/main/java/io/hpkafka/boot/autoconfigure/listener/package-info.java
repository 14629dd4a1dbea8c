/**
 * {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListener @HpKafkaListener} support. A record travels: the
 * {@link io.hpkafka.ClusterClient} → {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry}
 * (routes by topic) → {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpoint} →
 * {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerMethodAdapter} (resolves the payload, calls the
 * method). Endpoints are found by {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerAnnotationBeanPostProcessor}.
 */
@NullMarked
package io.hpkafka.boot.autoconfigure.listener;

import org.jspecify.annotations.NullMarked;
