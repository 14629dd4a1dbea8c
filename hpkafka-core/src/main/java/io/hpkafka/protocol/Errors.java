package io.hpkafka.protocol;

/**
 * Broker error codes this client reacts to, with Kafka's names and whether the condition is transient (a retry after
 * a metadata refresh may succeed). Codes not listed are reported by number and treated as not retriable.
 */
public final class Errors {

    public static final short NONE = 0;
    public static final short OFFSET_OUT_OF_RANGE = 1;
    public static final short UNKNOWN_TOPIC_OR_PARTITION = 3;
    public static final short LEADER_NOT_AVAILABLE = 5;
    public static final short NOT_LEADER_OR_FOLLOWER = 6;
    public static final short REQUEST_TIMED_OUT = 7;
    public static final short MESSAGE_TOO_LARGE = 10;
    public static final short RECORD_LIST_TOO_LARGE = 18;
    public static final short NOT_ENOUGH_REPLICAS = 19;
    public static final short NOT_ENOUGH_REPLICAS_AFTER_APPEND = 20;
    public static final short UNSUPPORTED_VERSION = 35;

    // Indexed by code; null where Kafka defines nothing we name. RETRIABLE mirrors Kafka's RetriableException set.
    private static final String[] NAMES = new String[128];
    private static final boolean[] RETRIABLE = new boolean[128];

    static {
        define(0, "NONE", false);
        define(1, "OFFSET_OUT_OF_RANGE", false);
        define(2, "CORRUPT_MESSAGE", true);
        define(3, "UNKNOWN_TOPIC_OR_PARTITION", true);
        define(4, "INVALID_FETCH_SIZE", false);
        define(5, "LEADER_NOT_AVAILABLE", true);
        define(6, "NOT_LEADER_OR_FOLLOWER", true);
        define(7, "REQUEST_TIMED_OUT", true);
        define(8, "BROKER_NOT_AVAILABLE", false);
        define(9, "REPLICA_NOT_AVAILABLE", true);
        define(10, "MESSAGE_TOO_LARGE", false);
        define(13, "NETWORK_EXCEPTION", true);
        define(14, "COORDINATOR_LOAD_IN_PROGRESS", true);
        define(15, "COORDINATOR_NOT_AVAILABLE", true);
        define(16, "NOT_COORDINATOR", true);
        define(17, "INVALID_TOPIC_EXCEPTION", false);
        define(18, "RECORD_LIST_TOO_LARGE", false);
        define(19, "NOT_ENOUGH_REPLICAS", true);
        define(20, "NOT_ENOUGH_REPLICAS_AFTER_APPEND", true);
        define(21, "INVALID_REQUIRED_ACKS", false);
        define(29, "TOPIC_AUTHORIZATION_FAILED", false);
        define(31, "CLUSTER_AUTHORIZATION_FAILED", false);
        define(32, "INVALID_TIMESTAMP", false);
        define(35, "UNSUPPORTED_VERSION", false);
        define(42, "INVALID_REQUEST", false);
        define(43, "UNSUPPORTED_FOR_MESSAGE_FORMAT", false);
        define(56, "KAFKA_STORAGE_ERROR", true);
        define(74, "FENCED_LEADER_EPOCH", true);
        define(75, "UNKNOWN_LEADER_EPOCH", true);
        define(76, "UNSUPPORTED_COMPRESSION_TYPE", false);
        define(78, "OFFSET_NOT_AVAILABLE", true);
        define(87, "INVALID_RECORD", false);
        define(89, "THROTTLING_QUOTA_EXCEEDED", true);
        define(100, "UNKNOWN_TOPIC_ID", true);
    }

    private Errors() {
    }

    private static void define(int code, String name, boolean retriable) {
        NAMES[code] = name;
        RETRIABLE[code] = retriable;
    }

    /** @return Kafka's name of the error, e.g. {@code NOT_LEADER_OR_FOLLOWER}, or {@code ERROR_<code>} */
    public static String name(short code) {
        if (code == -1) {
            return "UNKNOWN_SERVER_ERROR";
        }
        String name = code >= 0 && code < NAMES.length ? NAMES[code] : null;
        return name != null ? name : "ERROR_" + code;
    }

    /** @return whether the error is transient: a retry, after refreshing metadata, may succeed */
    public static boolean isRetriable(short code) {
        return code > 0 && code < RETRIABLE.length && RETRIABLE[code];
    }
}
