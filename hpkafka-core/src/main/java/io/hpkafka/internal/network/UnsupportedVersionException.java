package io.hpkafka.internal.network;

import io.hpkafka.errors.KafkaClientException;

/**
 * The broker serves no version of an API that this client implements (see {@link io.hpkafka.internal.protocol.ApiKey}), or
 * not the version a legacy {@link io.hpkafka.config.Compatibility} mode pins. Not retriable.
 */
public class UnsupportedVersionException extends KafkaClientException {
    public UnsupportedVersionException(String message) {
        super(message);
    }
}
