/**
 * A fault-injecting TCP proxy for tests: {@link io.hpkafka.test.proxy.FaultProxy} sits between a client and one
 * Kafka broker on the loopback interface and delays, cuts, black-holes, corrupts or truncates Kafka frames, per
 * direction.
 */
package io.hpkafka.test.proxy;
