package io.hpkafka.boot.autoconfigure.observation;

import java.util.ArrayList;
import java.util.List;

import io.hpkafka.producer.ProduceInterceptor;
import io.hpkafka.record.Header;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes every record produced through the client as {@code hpkafka.producer.send} (contextual name
 * "{@code <topic> send}", low-cardinality key {@code messaging.destination.name}), on the producing thread, so the
 * current trace is the parent; a tracer writes the new span's context into the record's headers (W3C
 * {@code traceparent}). The observation covers handing the record over, not its acknowledgment: the client reports
 * outcomes by events, per batch, without a per-record callback.
 */
public class ObservationProduceInterceptor implements ProduceInterceptor {

    /** The observation's name. */
    public static final String OBSERVATION_NAME = "hpkafka.producer.send";

    private final ObservationRegistry registry;

    /**
     * @param registry where observations go
     */
    public ObservationProduceInterceptor(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Header> onProduce(String topic, int partition, List<Header> headers) {
        if (this.registry.isNoop()) {
            return headers;
        }
        List<Header> carrier = new ArrayList<>(headers.size() + 1);
        carrier.addAll(headers);
        HpKafkaSenderContext context = new HpKafkaSenderContext(topic, carrier);
        Observation.createNotStarted(OBSERVATION_NAME, () -> context, this.registry)
            .contextualName(topic + " send")
            .lowCardinalityKeyValue("messaging.system", "kafka")
            .lowCardinalityKeyValue("messaging.destination.name", topic)
            .start()
            .stop(); // the tracer wrote the headers at start
        return carrier;
    }

}
