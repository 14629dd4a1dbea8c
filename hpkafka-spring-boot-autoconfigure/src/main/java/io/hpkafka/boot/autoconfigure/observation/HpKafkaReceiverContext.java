package io.hpkafka.boot.autoconfigure.observation;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.hpkafka.record.Header;
import io.hpkafka.record.KafkaRecord;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * The observation context of a listener invoked with a record: the listener's id, and the record as the carrier a
 * tracer reads the trace context from (the last header of a name counts, as Kafka's own clients read them).
 */
public class HpKafkaReceiverContext extends ReceiverContext<KafkaRecord> {

    private final String listenerId;

    /**
     * @param listenerId the listener's id
     * @param record the record
     */
    public HpKafkaReceiverContext(String listenerId, KafkaRecord record) {
        super(HpKafkaReceiverContext::get, Kind.CONSUMER);
        this.listenerId = listenerId;
        setCarrier(record);
        setRemoteServiceName("Apache Kafka");
    }

    /**
     * Returns the id of the listener invoked.
     * @return the listener id
     */
    public String getListenerId() {
        return this.listenerId;
    }

    private static @Nullable String get(KafkaRecord record, String key) {
        List<Header> headers = record.headers();
        for (int i = headers.size() - 1; i >= 0; i--) {
            Header header = headers.get(i);
            if (header.key().equals(key)) {
                return (header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
            }
        }
        return null;
    }

}
