package io.hpkafka.internal.protocol;

/**
 * Broker error codes this client reacts to, with Kafka's names and whether the condition is transient (a retry after
 * a metadata refresh may succeed). Codes not listed are reported by number and treated as not retriable.
 */
public final class Errors {

    public static final short UNKNOWN_SERVER_ERROR = -1;
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
    public static final short COORDINATOR_LOAD_IN_PROGRESS = 14;
    public static final short COORDINATOR_NOT_AVAILABLE = 15;
    public static final short NOT_COORDINATOR = 16;
    public static final short ILLEGAL_GENERATION = 22;
    public static final short INCONSISTENT_GROUP_PROTOCOL = 23;
    public static final short INVALID_GROUP_ID = 24;
    public static final short UNKNOWN_MEMBER_ID = 25;
    public static final short INVALID_SESSION_TIMEOUT = 26;
    public static final short REBALANCE_IN_PROGRESS = 27;
    public static final short GROUP_AUTHORIZATION_FAILED = 30;
    public static final short UNSUPPORTED_SASL_MECHANISM = 33;
    public static final short ILLEGAL_SASL_STATE = 34;
    public static final short UNSUPPORTED_VERSION = 35;
    public static final short CONCURRENT_TRANSACTIONS = 51;
    public static final short MEMBER_ID_REQUIRED = 79;
    public static final short GROUP_MAX_SIZE_REACHED = 81;
    public static final short FENCED_INSTANCE_ID = 82;
    public static final short TOPIC_ALREADY_EXISTS = 36;
    public static final short NOT_CONTROLLER = 41;
    public static final short GROUP_ID_NOT_FOUND = 69;
    public static final short THROTTLING_QUOTA_EXCEEDED = 89;
    public static final short UNSTABLE_OFFSET_COMMIT = 88;
    public static final short PRODUCER_FENCED = 90;

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
        define(12, "OFFSET_METADATA_TOO_LARGE", false);
        define(13, "NETWORK_EXCEPTION", true);
        define(14, "COORDINATOR_LOAD_IN_PROGRESS", true);
        define(15, "COORDINATOR_NOT_AVAILABLE", true);
        define(16, "NOT_COORDINATOR", true);
        define(17, "INVALID_TOPIC_EXCEPTION", false);
        define(18, "RECORD_LIST_TOO_LARGE", false);
        define(19, "NOT_ENOUGH_REPLICAS", true);
        define(20, "NOT_ENOUGH_REPLICAS_AFTER_APPEND", true);
        define(21, "INVALID_REQUIRED_ACKS", false);
        define(22, "ILLEGAL_GENERATION", false);
        define(23, "INCONSISTENT_GROUP_PROTOCOL", false);
        define(24, "INVALID_GROUP_ID", false);
        define(25, "UNKNOWN_MEMBER_ID", false);
        define(26, "INVALID_SESSION_TIMEOUT", false);
        define(27, "REBALANCE_IN_PROGRESS", false);
        define(28, "INVALID_COMMIT_OFFSET_SIZE", false);
        define(29, "TOPIC_AUTHORIZATION_FAILED", false);
        define(30, "GROUP_AUTHORIZATION_FAILED", false);
        define(31, "CLUSTER_AUTHORIZATION_FAILED", false);
        define(32, "INVALID_TIMESTAMP", false);
        define(33, "UNSUPPORTED_SASL_MECHANISM", false);
        define(34, "ILLEGAL_SASL_STATE", false);
        define(35, "UNSUPPORTED_VERSION", false);
        define(36, "TOPIC_ALREADY_EXISTS", false);
        define(37, "INVALID_PARTITIONS", false);
        define(38, "INVALID_REPLICATION_FACTOR", false);
        define(39, "INVALID_REPLICA_ASSIGNMENT", false);
        define(40, "INVALID_CONFIG", false);
        define(41, "NOT_CONTROLLER", true);
        define(42, "INVALID_REQUEST", false);
        define(43, "UNSUPPORTED_FOR_MESSAGE_FORMAT", false);
        define(44, "POLICY_VIOLATION", false);
        define(45, "OUT_OF_ORDER_SEQUENCE_NUMBER", false);
        define(46, "DUPLICATE_SEQUENCE_NUMBER", false);
        define(47, "INVALID_PRODUCER_EPOCH", false);
        define(48, "INVALID_TXN_STATE", false);
        define(49, "INVALID_PRODUCER_ID_MAPPING", false);
        define(50, "INVALID_TRANSACTION_TIMEOUT", false);
        define(51, "CONCURRENT_TRANSACTIONS", true);
        define(53, "TRANSACTIONAL_ID_AUTHORIZATION_FAILED", false);
        define(56, "KAFKA_STORAGE_ERROR", true);
        define(58, "SASL_AUTHENTICATION_FAILED", false);
        define(59, "UNKNOWN_PRODUCER_ID", false);
        define(68, "NON_EMPTY_GROUP", false);
        define(69, "GROUP_ID_NOT_FOUND", false);
        define(73, "TOPIC_DELETION_DISABLED", false);
        define(74, "FENCED_LEADER_EPOCH", true);
        define(75, "UNKNOWN_LEADER_EPOCH", true);
        define(76, "UNSUPPORTED_COMPRESSION_TYPE", false);
        define(78, "OFFSET_NOT_AVAILABLE", true);
        define(79, "MEMBER_ID_REQUIRED", false);
        define(81, "GROUP_MAX_SIZE_REACHED", false);
        define(82, "FENCED_INSTANCE_ID", false);
        define(87, "INVALID_RECORD", false);
        define(88, "UNSTABLE_OFFSET_COMMIT", true);
        define(89, "THROTTLING_QUOTA_EXCEEDED", true);
        define(90, "PRODUCER_FENCED", false);
        define(100, "UNKNOWN_TOPIC_ID", true);
        define(110, "FENCED_MEMBER_EPOCH", false);
        define(111, "UNRELEASED_INSTANCE_ID", false);
        define(112, "UNSUPPORTED_ASSIGNOR", false);
        define(113, "STALE_MEMBER_EPOCH", false);
        define(120, "TRANSACTION_ABORTABLE", false);
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
