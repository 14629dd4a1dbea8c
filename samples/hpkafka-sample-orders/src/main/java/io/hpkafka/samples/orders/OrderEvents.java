package io.hpkafka.samples.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Builds order events, which the typed {@code KafkaProducer<String, OrderEvent>} writes as JSON (Jackson 3) and the
 * listener reads back into {@link OrderEvent}, and the poison records sent among them: values that are not JSON,
 * which the listener cannot take.
 * Not thread-safe (the random source).
 */
final class OrderEvents {

    private static final String ORDER_ID_PREFIX = "order-";

    private static final String POISON_KEY_PREFIX = "poison-";

    // Values no JSON parser accepts: plain text, XML, CSV, JSON cut short.
    private static final String[] POISON_VALUES = { "%s is not JSON", "<order id=\"%s\"/>",
            "%s;Ada Lovelace;129.90;EUR", "{\"orderId\":\"%s\",\"amount\":" };

    private static final String[] CUSTOMERS = { "Ada Lovelace", "Alan Turing", "Barbara Liskov", "Donald Knuth",
            "Edsger Dijkstra", "Frances Allen", "Grace Hopper", "John Backus", "Ken Thompson", "Leslie Lamport",
            "Margaret Hamilton", "Niklaus Wirth", "Radia Perlman", "Tony Hoare", "Whitfield Diffie" };

    // Fixed seed: two runs produce the same orders, which keeps runs comparable.
    private final SplittableRandom random = new SplittableRandom(42);

    /**
     * Returns the id of the n-th order, the record key: {@code order-} and at least six digits.
     * @param index the order's index, from 0
     * @return the order id
     */
    static String orderId(int index) {
        String digits = Integer.toString(index);
        StringBuilder id = new StringBuilder(ORDER_ID_PREFIX.length() + Math.max(6, digits.length()));
        id.append(ORDER_ID_PREFIX);
        for (int i = digits.length(); i < 6; i++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }

    /**
     * Reads the index back from an order id.
     * @param key the record key
     * @return the index, or -1 if the key is not an order id
     */
    static int indexOf(String key) {
        if (key == null || key.length() <= ORDER_ID_PREFIX.length() || key.length() > ORDER_ID_PREFIX.length() + 9
                || !key.startsWith(ORDER_ID_PREFIX)) {
            return -1;
        }
        int index = 0;
        for (int i = ORDER_ID_PREFIX.length(); i < key.length(); i++) {
            int digit = key.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            index = index * 10 + digit;
        }
        return index;
    }

    /**
     * Returns the key of the n-th poison record: {@code poison-} and at least three digits.
     * @param index the poison record's index, from 0
     * @return the key
     */
    static String poisonKey(int index) {
        return String.format("%s%03d", POISON_KEY_PREFIX, index);
    }

    /**
     * Returns whether a key is a poison record's.
     * @param key the record key
     * @return whether it is
     */
    static boolean isPoisonKey(String key) {
        return key != null && key.startsWith(POISON_KEY_PREFIX);
    }

    /**
     * Returns the value of the n-th poison record: text that is not JSON, so the listener's payload conversion
     * fails.
     * @param index the poison record's index, from 0
     * @return the value
     */
    static String poisonValue(int index) {
        return String.format(POISON_VALUES[index % POISON_VALUES.length], poisonKey(index));
    }

    /**
     * Builds an order; the typed producer writes it as JSON, e.g.
     * {@code {"orderId":"order-000042","customer":"Grace Hopper","amount":129.90,"currency":"EUR","createdAt":"2026-11-30T08:15:30.123Z"}}.
     * @param orderId the order id
     * @param createdAtMillis creation time in ms since the epoch
     * @return the event
     */
    OrderEvent event(String orderId, long createdAtMillis) {
        int cents = 500 + this.random.nextInt(49_500); // 5.00 to 499.99 EUR
        String customer = CUSTOMERS[this.random.nextInt(CUSTOMERS.length)];
        return new OrderEvent(orderId, customer, BigDecimal.valueOf(cents, 2), "EUR",
                Instant.ofEpochMilli(createdAtMillis));
    }

}
