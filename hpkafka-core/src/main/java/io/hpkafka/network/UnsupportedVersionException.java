package io.hpkafka.network;

/** The broker serves no version of an API that this client implements (see {@link io.hpkafka.protocol.ApiKey}). */
public class UnsupportedVersionException extends RuntimeException {
    public UnsupportedVersionException(String message) {
        super(message);
    }
}
