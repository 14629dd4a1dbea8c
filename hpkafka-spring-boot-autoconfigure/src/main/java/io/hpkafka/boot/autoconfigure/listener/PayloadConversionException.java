package io.hpkafka.boot.autoconfigure.listener;

/**
 * A record's key, value or header could not be converted to what the listener method takes (a deserializer threw,
 * the JSON did not fit the type, a required header was missing). Such a record is never retried: it goes to the
 * recoverer at once, with its raw bytes.
 */
public final class PayloadConversionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what could not be converted, naming the record's topic, partition and offset
     * @param cause the converter's failure, or null
     */
    public PayloadConversionException(String message, Throwable cause) {
        super(message, cause);
    }

}
