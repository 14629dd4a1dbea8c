/**
 * A broker for development: with this module on the classpath and no {@code hpkafka.seeds} set, a real single-node
 * Kafka broker (KRaft) starts inside the application and the client uses it.
 */
@NullMarked
package io.hpkafka.boot.devbroker;

import org.jspecify.annotations.NullMarked;
