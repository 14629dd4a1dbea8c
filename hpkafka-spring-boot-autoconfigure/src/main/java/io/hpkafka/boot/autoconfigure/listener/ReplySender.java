package io.hpkafka.boot.autoconfigure.listener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import io.hpkafka.ClusterClient;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.record.KafkaRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Forwards a listener's return value ({@code @SendTo}) to a topic, keyed by the incoming record's key: a
 * {@code String} as UTF-8, a {@code byte[]} as is, anything else as JSON. The produce goes through the client's
 * producer (acknowledged, discarded or expired, each with its event; flushed when the client closes); a failure is
 * logged with the incoming record's coordinates.
 */
final class ReplySender {

    private static final Log logger = LogFactory.getLog(ReplySender.class);

    private final ClusterClient client;

    private final String topic;

    private final Function<Object, byte[]> writer;

    /**
     * Creates a sender.
     * @param client the client to produce with
     * @param topic the resolved topic
     * @param writer turns a return value into the record's value ({@link #writerFor})
     */
    ReplySender(ClusterClient client, String topic, Function<Object, byte[]> writer) {
        this.client = client;
        this.topic = topic;
        this.writer = writer;
    }

    /**
     * Chooses how a method's return values are written.
     * @param returnType the method's return type
     * @param json JSON support, or null without Jackson
     * @param what the method and its reply topic, for the error message
     * @return the writer
     * @throws IllegalStateException if the method returns nothing, or a type that cannot be written
     */
    static Function<Object, byte[]> writerFor(Class<?> returnType, @Nullable JsonPayloads json, String what) {
        if (returnType == void.class || returnType == Void.class) {
            throw new IllegalStateException(what + " has @SendTo but returns nothing");
        }
        if (returnType == Object.class) {
            // Decided per value: a String as text, bytes as they are, anything else as JSON.
            Function<Object, byte[]> toJson = (json != null) ? json::write : null;
            return (value) -> (value instanceof String text) ? text.getBytes(StandardCharsets.UTF_8)
                    : (value instanceof byte[] bytes) ? bytes : writeJson(toJson, value);
        }
        if (returnType == String.class) {
            return (value) -> ((String) value).getBytes(StandardCharsets.UTF_8);
        }
        if (returnType == byte[].class) {
            return (value) -> (byte[]) value;
        }
        if (json == null) {
            throw new IllegalStateException(what + " returns " + returnType.getName() + ", which needs Jackson 3 on"
                    + " the class path to be sent as JSON (or return String or byte[])");
        }
        return json::write;
    }

    private static byte[] writeJson(@Nullable Function<Object, byte[]> json, Object value) {
        if (json == null) {
            throw new IllegalStateException("Cannot send a " + value.getClass().getName() + " reply as JSON without"
                    + " Jackson 3 on the class path");
        }
        return json.apply(value);
    }

    /**
     * Sends a reply to {@code incoming}.
     * @param incoming the record the listener returned it for
     * @param value the return value, not null
     */
    void send(KafkaRecord incoming, Object value) {
        if (value instanceof java.util.concurrent.CompletionStage<?> stage) {
            stage.whenComplete((result, error) -> {
                if (error != null) {
                    logger.error(LogMessage.format("The reply to %s failed; nothing sent to '%s'",
                            ListenerMethod.coordinates(incoming), this.topic), error);
                }
                else if (result != null) {
                    send(incoming, result);
                }
            });
            return;
        }
        byte[] bytes = this.writer.apply(value);
        this.client.send(new ProducerRecord(this.topic, ProducerRecord.ANY_PARTITION, incoming.key(), bytes, List.of(),
                ProducerRecord.NO_TIMESTAMP)).whenComplete((metadata, error) -> {
                    if (error != null) {
                        logger.error(LogMessage.format("Reply to %s to topic '%s' failed",
                                ListenerMethod.coordinates(incoming), this.topic), error);
                    }
                });
    }

}
