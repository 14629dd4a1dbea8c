package io.hpkafka.boot.autoconfigure.observation;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.hpkafka.record.Header;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The observation context of a produced record: its topic, and its headers as the carrier a tracer writes the trace
 * context into ({@code traceparent}, replacing a header of that name).
 */
public class HpKafkaSenderContext extends SenderContext<List<Header>> {

    private final String topic;

    /**
     * @param topic the record's topic
     * @param headers the record's headers, mutable; the trace context is added to them
     */
    public HpKafkaSenderContext(String topic, List<Header> headers) {
        super(HpKafkaSenderContext::set, Kind.PRODUCER);
        this.topic = topic;
        setCarrier(headers);
        setRemoteServiceName("Apache Kafka");
    }

    /**
     * Returns the topic the record goes to.
     * @return the topic
     */
    public String getTopic() {
        return this.topic;
    }

    private static void set(List<Header> headers, String key, String value) {
        headers.removeIf((header) -> header.key().equals(key));
        headers.add(new Header(key, value.getBytes(StandardCharsets.UTF_8)));
    }

}
