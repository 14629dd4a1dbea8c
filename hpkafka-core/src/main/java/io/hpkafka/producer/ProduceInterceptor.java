package io.hpkafka.producer;

import io.hpkafka.record.Header;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Sees every record produced through a client before it enters the producer, and may add headers to it: a trace
 * context ({@code traceparent}), typically. Set it with
 * {@link io.hpkafka.config.Configuration.Builder#produceInterceptor}; a client without one pays a single null check
 * per record.
 * <p>
 * Thread rule: called on the thread that calls {@code produce} or {@code send}, so a trace started there is the
 * current one; it must be thread-safe. What it throws propagates to the caller of {@code produce}, and the record is
 * not taken (as with a serializer that throws on produce).
 */
@FunctionalInterface
public interface ProduceInterceptor {

    /**
     * Called once per record, before it is counted or queued.
     *
     * @param topic the record's topic
     * @param partition the partition asked for, or {@link ProducerRecord#ANY_PARTITION}
     * @param headers the record's headers, possibly immutable; never null
     * @return the headers to send: {@code headers} itself, or a new list (with {@code headers} first, usually)
     */
    List<Header> onProduce(String topic, int partition, List<Header> headers);

    /**
     * Called once per record produced with a future ({@code send}), instead of {@link #onProduce}: it may add headers
     * as {@code onProduce} does and return a callback that the client runs once the record's outcome is known (an
     * observation covering the record's whole way to the broker ends there). The default calls {@code onProduce}
     * and asks for no callback.
     *
     * @param topic the record's topic
     * @param partition the partition asked for, or {@link ProducerRecord#ANY_PARTITION}
     * @param headers the record's headers, possibly immutable; never null
     * @return the headers to send and the outcome callback (or null): it gets the record's metadata once
     *     acknowledged, or the {@link ProduceFailedException} once discarded or expired, on a driver thread
     */
    default Interception onSend(String topic, int partition, List<Header> headers) {
        return new Interception(onProduce(topic, partition, headers), null);
    }

    /**
     * What {@link #onSend} decided for one record.
     *
     * @param headers the headers to send
     * @param onOutcome run with (metadata, null) or (null, failure) once the record's outcome is known; null for none
     */
    record Interception(List<Header> headers, BiConsumer<RecordMetadata, Throwable> onOutcome) {
    }

}
