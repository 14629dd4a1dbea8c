package io.hpkafka.errors;

/**
 * A client operation could not be completed: no broker reachable within the timeout, a topic that does not exist,
 * a broker error that retrying cannot fix. The message says which, naming the option that bounds the wait.
 */
public class KafkaClientException extends RuntimeException {
    public KafkaClientException(String message) {
        super(message);
    }

    public KafkaClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
