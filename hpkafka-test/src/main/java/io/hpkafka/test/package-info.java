/**
 * Test support: real Apache Kafka clusters for tests.
 *
 * <ul>
 *   <li>{@link io.hpkafka.test.KafkaTestCluster}: what a test needs from a cluster (bootstrap servers, topic
 *       creation, stopping and starting brokers).</li>
 *   <li>{@link io.hpkafka.test.EmbeddedKafkaCluster}: 1..N KRaft brokers inside this JVM, on 127.0.0.1.</li>
 *   <li>{@link io.hpkafka.test.ExternalKafkaCluster}: a cluster elsewhere, named by the environment variable
 *       {@code HPKAFKA_TEST_BOOTSTRAP_SERVERS}.</li>
 *   <li>{@link io.hpkafka.test.HpKafkaCluster} with {@link io.hpkafka.test.HpKafkaClusterExtension}: the JUnit 5
 *       way to get either, injected into fields and parameters.</li>
 * </ul>
 *
 * <p>This module logs through SLF4J and ships no logging backend: tests bring their own (e.g. log4j-slf4j2-impl),
 * applications theirs (e.g. Spring Boot's logback).
 */
package io.hpkafka.test;
