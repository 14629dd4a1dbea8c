package io.hpkafka.test;

/**
 * A test cluster could not do what was asked: a broker did not start or stop, a topic was rejected, or a wait
 * ran out of time. The message says which, and the cause (if any) is the underlying Kafka error.
 */
public class KafkaTestClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     */
    public KafkaTestClusterException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying error
     */
    public KafkaTestClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
