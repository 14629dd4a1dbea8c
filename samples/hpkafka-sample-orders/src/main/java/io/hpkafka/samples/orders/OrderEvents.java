package io.hpkafka.samples.orders;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Builds order events as JSON text by hand (the sample needs no JSON library), e.g.
 * {@code {"orderId":"order-000042","customer":"Grace Hopper","amount":129.90,"currency":"EUR","createdAt":"2026-11-30T08:15:30.123Z"}}.
 * Not thread-safe (the random source).
 */
final class OrderEvents {

    private static final String ORDER_ID_PREFIX = "order-";

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
     * Reads the index back from an order id's UTF-8 bytes without decoding them.
     * @param key the record key
     * @return the index, or -1 if the key is not an order id
     */
    static int indexOf(byte[] key) {
        if (key == null || key.length <= ORDER_ID_PREFIX.length() || key.length > ORDER_ID_PREFIX.length() + 9) {
            return -1;
        }
        for (int i = 0; i < ORDER_ID_PREFIX.length(); i++) {
            if (key[i] != ORDER_ID_PREFIX.charAt(i)) {
                return -1;
            }
        }
        int index = 0;
        for (int i = ORDER_ID_PREFIX.length(); i < key.length; i++) {
            int digit = key[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            index = index * 10 + digit;
        }
        return index;
    }

    /**
     * Builds the JSON of an order.
     * @param orderId the order id
     * @param createdAtMillis creation time in ms since the epoch
     * @return the event as JSON text
     */
    String json(String orderId, long createdAtMillis) {
        int cents = 500 + this.random.nextInt(49_500); // 5.00 to 499.99 EUR
        String customer = CUSTOMERS[this.random.nextInt(CUSTOMERS.length)];
        return new StringBuilder(128).append("{\"orderId\":\"")
            .append(orderId)
            .append("\",\"customer\":\"")
            .append(customer)
            .append("\",\"amount\":")
            .append(cents / 100)
            .append('.')
            .append((char) ('0' + (cents / 10) % 10))
            .append((char) ('0' + cents % 10))
            .append(",\"currency\":\"EUR\",\"createdAt\":\"")
            .append(Instant.ofEpochMilli(createdAtMillis))
            .append("\"}")
            .toString();
    }

}
