package io.hpkafka.internal.protocol;

/**
 * Bytes from a broker that do not follow the Kafka protocol: a length beyond the frame, a bad CRC, an unknown magic.
 * The reader of a response never skips data because of it: the request is retried (a fetch is sent again from the
 * same offset) and the connection may be reset.
 */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
