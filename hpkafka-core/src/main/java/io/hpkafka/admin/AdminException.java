package io.hpkafka.admin;

import io.hpkafka.errors.KafkaClientException;

/**
 * A broker answered an administrative request with an error for one topic or group. The message names the resource,
 * the Kafka error (e.g. TOPIC_ALREADY_EXISTS) and the broker's explanation when it gave one.
 */
public class AdminException extends KafkaClientException {

    private final String resource;
    private final short errorCode;
    private final String errorName;

    /**
     * @param resource the topic or group name
     * @param errorCode the Kafka error code
     * @param errorName Kafka's name of that code, e.g. {@code INVALID_REPLICATION_FACTOR}
     * @param brokerMessage the broker's explanation, or null
     */
    public AdminException(String resource, short errorCode, String errorName, String brokerMessage) {
        super(resource + ": " + errorName + (brokerMessage == null || brokerMessage.isEmpty() ? ""
                : " (" + brokerMessage + ")"));
        this.resource = resource;
        this.errorCode = errorCode;
        this.errorName = errorName;
    }

    /** @return the topic or group the error is about */
    public String resource() {
        return resource;
    }

    /** @return the Kafka error code, e.g. 36 for TOPIC_ALREADY_EXISTS */
    public short errorCode() {
        return errorCode;
    }

    /** @return Kafka's name of the error, e.g. {@code TOPIC_ALREADY_EXISTS} */
    public String errorName() {
        return errorName;
    }
}
