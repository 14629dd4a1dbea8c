package io.hpkafka.internal.producer;

import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.record.Header;
import io.hpkafka.serialization.MemorySerializable;
import io.hpkafka.serialization.SerializationConfig;
import io.hpkafka.serialization.Serializer;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A produced record while the client holds it: the one object the produce path allocates per record (the byte[]
 * API builds no {@link ProducerRecord}; events build one when they need it). Final fields are set on the producing
 * thread; the others are touched only by the producer's actor after the record left the intake.
 */
final class PendingRecord {
    final String topic;
    /** Partition asked for at produce, or {@link ProducerRecord#ANY_PARTITION}. */
    final int requestedPartition;
    /** Key bytes; null for no key, or while its serializer is pending. */
    byte[] key;
    /** Value bytes; null for a tombstone, while its serializer is pending, or when {@link #directValue} is set. */
    byte[] value;
    final List<Header> headers;
    /** CreateTime in ms since the epoch, fixed when the record entered. */
    final long timestamp;
    /**
     * the client clock's {@code currentTimeMillis()} when the record entered; {@code messageTtl} counts from here. The wall clock,
     * as kafka-clients' {@code delivery.timeout.ms} uses: one clock read per record serves this and CreateTime.
     */
    final long enteredMillis;
    /** Key and value as objects with serializers still to run; null when bytes were handed in. */
    final Unserialized objects;
    /** Completed with the record's outcome when the caller asked for a future; null otherwise (no allocation). */
    final CompletableFuture<RecordMetadata> future;
    /** Whether its acknowledgement has per-record work: a future to complete, or an original to close. */
    final boolean acknowledgedAlone;
    /**
     * A value the default serializer would serialize by asking it to write itself: kept as is and written straight
     * into the record batch when the request is encoded (record batch v2), instead of into an array first.
     */
    MemorySerializable directValue;
    /** The last error that delayed the record, reported if it expires. */
    String lastError;
    /** The partition chosen at first routing, kept through retries; -1 before. */
    int partition = -1;
    /** Link to a neighbour while in {@link RecordIntake}; null outside it. */
    PendingRecord intakeLink;

    /** A record handed in as bytes. */
    PendingRecord(String topic, int requestedPartition, byte[] key, byte[] value, List<Header> headers,
                  long timestamp, long nowMillis, CompletableFuture<RecordMetadata> future) {
        this(topic, requestedPartition, key, value, headers, timestamp, nowMillis, null, future);
    }

    /** A record handed in as objects, serialized later by {@code objects}' serializers. */
    PendingRecord(String topic, int requestedPartition, List<Header> headers, long timestamp, long nowMillis,
                  Unserialized objects) {
        this(topic, requestedPartition, null, null, headers, timestamp, nowMillis, objects, null);
    }

    private PendingRecord(String topic, int requestedPartition, byte[] key, byte[] value, List<Header> headers,
                          long timestamp, long nowMillis, Unserialized objects,
                          CompletableFuture<RecordMetadata> future) {
        this.topic = topic;
        this.requestedPartition = requestedPartition;
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.timestamp = timestamp >= 0 ? timestamp : nowMillis;
        this.enteredMillis = nowMillis;
        this.objects = objects;
        this.future = future;
        this.acknowledgedAlone = future != null || (objects != null && objects.closable());
    }

    /** @return the key as handed to produce: the object, or the same bytes for the byte[] API */
    Object originalKey() {
        return objects == null ? key : objects.key;
    }

    /** @return the value as handed to produce: the object, or the same bytes for the byte[] API */
    Object originalValue() {
        return objects == null ? value : objects.value;
    }

    /** @return the record in bytes, as far as it is serialized, for events */
    ProducerRecord toRecord() {
        return new ProducerRecord(topic, requestedPartition, key, value, headers, timestamp);
    }

    /** @return whether a key serializer still has to run */
    boolean keyPending() {
        return objects != null && objects.keySerializer != null;
    }

    /** Runs the key serializer if it is still pending. */
    void serializeKey() {
        if (keyPending()) {
            key = objects.keySerializer.serialize(topic, objects.key);
            objects.keySerializer = null;
        }
    }

    /** Runs the serializers still pending (a direct value stays as it is). */
    void serialize() {
        if (objects == null) {
            return;
        }
        serializeKey();
        Serializer<Object> valueSerializer = objects.valueSerializer;
        if (valueSerializer == SerializationConfig.DEFAULT_SERIALIZER
                && objects.value instanceof MemorySerializable m) {
            directValue = m;
            objects.valueSerializer = null;
            m.serializedSize(); // a throwing size fails this record alone, here, rather than its request later
        } else if (valueSerializer != null) {
            value = valueSerializer.serialize(topic, objects.value);
            objects.valueSerializer = null;
        }
    }

    /** Key and value handed in as objects, and the serializers still to run on them. */
    static final class Unserialized {
        final Object key;
        final Object value;
        /** Run at routing (the key's bytes may choose the partition); null once run or for a null key. */
        Serializer<Object> keySerializer;
        /** Run at send time; null once run or for a null value. */
        Serializer<Object> valueSerializer;

        Unserialized(Object key, Object value, Serializer<Object> keySerializer, Serializer<Object> valueSerializer) {
            this.key = key;
            this.value = value;
            this.keySerializer = keySerializer;
            this.valueSerializer = valueSerializer;
        }

        /** @return whether the key or value is closed at the record's outcome (callers may pool them) */
        boolean closable() {
            return key instanceof AutoCloseable || value instanceof AutoCloseable;
        }
    }
}
