package io.hpkafka.producer;

/** Why the producer gave up on a record. */
public enum DiscardReason {
    /** The broker rejected the record with an error that retrying cannot fix (see the event's error). */
    BROKER_ERROR,
    /** The request failed on the network after it was sent and the error strategy is DISCARD. */
    NETWORK_ERROR,
    /**
     * The record is larger than the broker or topic accepts (MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE), or than
     * the client's {@code maxRequestSizeBytes}: then it is refused at produce and never sent.
     */
    RECORD_TOO_LARGE,
    /** The producer was full ({@code maxBufferedMessages}) and the overflow strategy is DISCARD. */
    OVERFLOW,
    /**
     * The record cannot be written in the configured message format (headers need format v2, KIP-82), or its
     * {@code MemorySerializable} value announces a negative size.
     */
    INVALID_RECORD,
    /** The key or value serializer threw, or a value failed to write itself into the batch (see the event's error). */
    SERIALIZATION_ERROR,
    /** The record names a partition the topic does not have. */
    UNKNOWN_PARTITION,
    /** The client was closed before the record could be sent. */
    CLIENT_CLOSED,
    /**
     * The client could not authenticate to the broker or trust it: wrong credentials, an untrusted or misnamed
     * certificate (see the event's error, and {@link io.hpkafka.errors.AuthenticationException}).
     */
    AUTHENTICATION_FAILED
}
