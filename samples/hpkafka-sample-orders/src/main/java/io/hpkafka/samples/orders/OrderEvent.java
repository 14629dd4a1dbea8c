package io.hpkafka.samples.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order event as the listener takes it: {@code @HpKafkaListener} reads the record's JSON value into this record
 * with Jackson 3 (the application's {@code JsonMapper}). A value that is not JSON cannot be converted and goes to the
 * dead-letter topic.
 * @param orderId the order id, also the record key
 * @param customer who ordered
 * @param amount the amount, exact
 * @param currency ISO 4217 code
 * @param createdAt when the order was placed
 */
record OrderEvent(String orderId, String customer, BigDecimal amount, String currency, Instant createdAt) {
}
