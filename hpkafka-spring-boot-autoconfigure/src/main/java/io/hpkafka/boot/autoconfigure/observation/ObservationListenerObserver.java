package io.hpkafka.boot.autoconfigure.observation;

import java.util.List;

import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerProperties;
import io.hpkafka.boot.autoconfigure.listener.ListenerObserver;
import io.hpkafka.record.KafkaRecord;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes the invocations of record listeners whose {@code hpkafka.listener.observation-enabled} is true (globally,
 * or as the listener's override) as {@code hpkafka.listener.process} (contextual name "{@code <topic> receive}",
 * low-cardinality keys {@code hpkafka.listener.id} and {@code messaging.destination.name}), continuing the trace
 * whose context the record carries ({@code traceparent}). The observation's scope is open while the listener runs,
 * so what it logs or produces belongs to the trace. Batch listeners are not observed: a batch has no single parent.
 */
public class ObservationListenerObserver implements ListenerObserver {

    /** The observation's name. */
    public static final String OBSERVATION_NAME = "hpkafka.listener.process";

    private final ObservationRegistry registry;

    /**
     * @param registry where observations go
     */
    public ObservationListenerObserver(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean isEnabledFor(String listenerId, HpKafkaListenerProperties settings) {
        return settings.isObservationEnabled();
    }

    @Override
    public Invocation beforeRecord(String listenerId, KafkaRecord record) {
        HpKafkaReceiverContext context = new HpKafkaReceiverContext(listenerId, record);
        Observation observation = Observation.createNotStarted(OBSERVATION_NAME, () -> context, this.registry)
            .contextualName(record.topic() + " receive")
            .lowCardinalityKeyValue("messaging.system", "kafka")
            .lowCardinalityKeyValue("messaging.destination.name", record.topic())
            .lowCardinalityKeyValue("hpkafka.listener.id", listenerId)
            .start();
        Observation.Scope scope = observation.openScope();
        return (failure) -> {
            if (failure != null) {
                observation.error(failure);
            }
            scope.close();
            observation.stop();
        };
    }

    @Override
    public Invocation beforeBatch(String listenerId, List<KafkaRecord> records) {
        return NONE;
    }

}
