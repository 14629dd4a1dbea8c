package io.hpkafka.errors;

/**
 * The client could not authenticate to a broker, or could not trust it: a SASL mechanism the listener does not
 * enable, wrong credentials (SASL_AUTHENTICATION_FAILED), a broker certificate no trusted CA signed, a certificate
 * issued for another host name, or a client certificate the broker refused. Retrying does not help until the
 * configuration (or the broker's) changes: requests fail with it at once instead of waiting for a timeout, and the
 * connection retries only after its longest back-off. The message never contains a password.
 */
public class AuthenticationException extends KafkaClientException {

    /**
     * @param message what failed and with which broker
     * @param cause the TLS or protocol error, or null
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
