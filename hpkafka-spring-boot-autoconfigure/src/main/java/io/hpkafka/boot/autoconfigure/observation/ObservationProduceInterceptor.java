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
 * {@code traceparent}). For {@code send} (a future per record) the observation lasts until the record's outcome and
 * carries the error of a discarded or expired record; for {@code produce} it covers handing the record over, since
 * that path reports outcomes by events, per batch, without a per-record callback.
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
        start(topic, carrier).stop(); // the tracer wrote the headers at start; produce() has no per-record outcome
        return carrier;
    }

    @Override
    public Interception onSend(String topic, int partition, List<Header> headers) {
        if (this.registry.isNoop()) {
            return new Interception(headers, null);
        }
        List<Header> carrier = new ArrayList<>(headers.size() + 1);
        carrier.addAll(headers);
        Observation observation = start(topic, carrier);
        return new Interception(carrier, (metadata, failure) -> {
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        });
    }

    private Observation start(String topic, List<Header> carrier) {
        HpKafkaSenderContext context = new HpKafkaSenderContext(topic, carrier);
        return Observation.createNotStarted(OBSERVATION_NAME, () -> context, this.registry)
            .contextualName(topic + " send")
            .lowCardinalityKeyValue("messaging.system", "kafka")
            .lowCardinalityKeyValue("messaging.destination.name", topic)
            .start();
    }

}
