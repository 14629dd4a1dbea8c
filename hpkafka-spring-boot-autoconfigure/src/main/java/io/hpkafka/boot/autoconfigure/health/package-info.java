/**
 * Actuator health of hpkafka: whether brokers answer the client, with the brokers seen, the metadata's age and the
 * listener containers' states in the details.
 */
@NullMarked
package io.hpkafka.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
