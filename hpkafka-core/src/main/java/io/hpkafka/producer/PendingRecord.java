package io.hpkafka.producer;

import io.hpkafka.serialization.MemorySerializable;
import io.hpkafka.serialization.SerializationConfig;
import io.hpkafka.serialization.Serializer;

import java.util.concurrent.CompletableFuture;

/**
 * A produced record while the client holds it. Mutable fields are touched only by the producer's serial executor.
 */
final class PendingRecord {
    /** The record in bytes; while a serializer is pending, its key and/or value are still null. */
    ProducerRecord record;
    /** Key and value as handed to produce: returned in discard/expiry events, closed at the end if AutoCloseable. */
    final Object originalKey;
    final Object originalValue;
    /** Serializers still to run at routing (key) or send time (value); null once run or for the byte[] API. */
    Serializer<Object> keySerializer;
    Serializer<Object> valueSerializer;
    /**
     * A value the default serializer would serialize by asking it to write itself: kept as is and written straight
     * into the record batch when the request is encoded (record batch v2), instead of into an array first.
     */
    MemorySerializable directValue;
    /** CreateTime in ms since the epoch, fixed when the record entered. */
    final long timestamp;
    /** {@link System#nanoTime()} when the record entered; {@code messageTtl} counts from here. */
    final long enteredNanos;
    /** The last error that delayed the record, reported if it expires. */
    String lastError;
    /** The partition chosen at first routing, kept through retries; -1 before. */
    int partition = -1;
    /** Completed with the record's outcome when the caller asked for a future; null otherwise (no allocation). */
    CompletableFuture<RecordMetadata> future;

    PendingRecord(ProducerRecord record, Object originalKey, Object originalValue, long timestamp, long enteredNanos) {
        this.record = record;
        this.originalKey = originalKey;
        this.originalValue = originalValue;
        this.timestamp = timestamp;
        this.enteredNanos = enteredNanos;
    }

    /** Runs the key serializer if it is still pending. */
    void serializeKey() {
        if (keySerializer != null) {
            byte[] key = keySerializer.serialize(record.topic(), originalKey);
            keySerializer = null;
            record = new ProducerRecord(record.topic(), record.partition(), key, record.value(), record.headers(),
                    record.timestamp());
        }
    }

    /** Runs the serializers still pending (a direct value stays as it is). */
    void serialize() {
        serializeKey();
        if (valueSerializer == SerializationConfig.DEFAULT_SERIALIZER && originalValue instanceof MemorySerializable m) {
            directValue = m;
            valueSerializer = null;
            m.serializedSize(); // a throwing size fails this record alone, here, rather than its request later
        }
        if (valueSerializer != null) {
            byte[] value = valueSerializer.serialize(record.topic(), originalValue);
            valueSerializer = null;
            record = new ProducerRecord(record.topic(), record.partition(), record.key(), value, record.headers(),
                    record.timestamp());
        }
    }
}
