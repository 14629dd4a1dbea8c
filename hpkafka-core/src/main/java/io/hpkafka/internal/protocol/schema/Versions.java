package io.hpkafka.internal.protocol.schema;

/**
 * An inclusive range of API versions, written as in Kafka's message schemas: {@code "3+"}, {@code "1-7"},
 * {@code "5"} or {@code "none"}.
 *
 * @param lowest first version in the range
 * @param highest last version in the range ({@link Short#MAX_VALUE} for an open range)
 */
public record Versions(short lowest, short highest) {

    /** The empty range. */
    public static final Versions NONE = new Versions((short) 1, (short) 0);
    /** Every version. */
    public static final Versions ALL = new Versions((short) 0, Short.MAX_VALUE);

    /** Parses {@code "N+"}, {@code "N-M"}, {@code "N"} or {@code "none"}. */
    public static Versions parse(String spec) {
        String s = spec.trim();
        if (s.equals("none")) {
            return NONE;
        }
        if (s.endsWith("+")) {
            return new Versions(Short.parseShort(s.substring(0, s.length() - 1)), Short.MAX_VALUE);
        }
        int dash = s.indexOf('-');
        if (dash > 0) {
            return new Versions(Short.parseShort(s.substring(0, dash)), Short.parseShort(s.substring(dash + 1)));
        }
        short v = Short.parseShort(s);
        return new Versions(v, v);
    }

    /** @return whether {@code version} is in the range */
    public boolean contains(short version) {
        return version >= lowest && version <= highest;
    }

    /** @return whether no version is in the range */
    public boolean isEmpty() {
        return lowest > highest;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        if (highest == Short.MAX_VALUE) {
            return lowest + "+";
        }
        return lowest == highest ? Short.toString(lowest) : lowest + "-" + highest;
    }
}
