package io.hpkafka.internal.network;

import io.hpkafka.config.BrokerAddress;

/**
 * A request failed because its connection failed (refused, reset, timed out or closed). {@link #wasSent()} tells
 * whether the request may have reached the broker, which decides whether resending can duplicate records.
 */
public class NetworkException extends RuntimeException {

    private final BrokerAddress broker;
    private final boolean sent;

    public NetworkException(BrokerAddress broker, String message, boolean sent, Throwable cause) {
        super(message + " (broker " + broker + ")", cause);
        this.broker = broker;
        this.sent = sent;
    }

    /** @return the broker the request was for */
    public BrokerAddress broker() {
        return broker;
    }

    /** @return {@code true} if the request was written (fully or partly) before the failure */
    public boolean wasSent() {
        return sent;
    }
}
