package io.hpkafka.internal.producer;

import io.hpkafka.internal.protocol.record.RecordSizes;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.producer.RecordMetadata;
import io.hpkafka.record.Header;
import io.hpkafka.serialization.MemorySerializable;
import io.hpkafka.serialization.SerializationConfig;
import io.hpkafka.serialization.Serializer;

import java.nio.ByteBuffer;
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
    /**
     * Most bytes the record takes in a record batch, its batch header excluded ({@link RecordSizes}), from what is
     * known of it: set when it enters, and again once its serializers ran. Sums of it keep requests under
     * {@code maxRequestSizeBytes}.
     */
    long sizeBound;
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

    /**
     * @return the record's upper bound in a batch from what is known now: its bytes, a {@link MemorySerializable}'s
     *     announced size (nothing of that size is allocated), and nothing yet for a value a user serializer has
     *     still to write
     * @throws InvalidSize if a {@link MemorySerializable} announces a negative size
     */
    long measure() {
        return RecordSizes.recordUpperBound(keySize(), valueSize(), headers);
    }

    /** @return whether every serializer ran, so that {@link #measure()} is the record's final bound */
    boolean fullyMeasured() {
        return objects == null || objects.keySerializer == null && objects.valueSerializer == null;
    }

    /** @return the key's size in bytes as far as known; -1 for none */
    long keySize() {
        if (key != null) {
            return key.length;
        }
        return objects != null && objects.keySerializer != null ? announcedSize(objects.key, objects.keySerializer)
                : -1;
    }

    /** @return the value's size in bytes as far as known; -1 for none */
    long valueSize() {
        if (value != null) {
            return value.length;
        }
        if (directValue != null) {
            return checked(directValue.serializedSize());
        }
        return objects != null && objects.valueSerializer != null
                ? announcedSize(objects.value, objects.valueSerializer) : -1;
    }

    /**
     * @return the size {@code data} will have once {@code serializer} wrote it, when known without running it: the
     *     default serializer's known types; 0 when unknown (a user serializer, a String's UTF-8 bytes)
     */
    static long announcedSize(Object data, Serializer<Object> serializer) {
        if (serializer != SerializationConfig.DEFAULT_SERIALIZER) {
            return 0;
        }
        if (data == null) {
            return -1;
        }
        if (data instanceof byte[] bytes) {
            return bytes.length;
        }
        if (data instanceof ByteBuffer buffer) {
            return buffer.remaining();
        }
        if (data instanceof MemorySerializable m) {
            return checked(m.serializedSize());
        }
        return 0;
    }

    /**
     * @return whether {@code data}, a {@link MemorySerializable} the default serializer would write, announces a
     *     negative size or more than {@code maxBytes}: then it must not be serialized, which would allocate that
     */
    static boolean announcesBadSize(Object data, Serializer<Object> serializer, int maxBytes) {
        if (serializer != SerializationConfig.DEFAULT_SERIALIZER || !(data instanceof MemorySerializable m)) {
            return false;
        }
        int size = m.serializedSize();
        return size < 0 || size > maxBytes;
    }

    private static int checked(int serializedSize) {
        if (serializedSize < 0) {
            throw new InvalidSize("MemorySerializable.serializedSize() returned " + serializedSize);
        }
        return serializedSize;
    }

    /** A {@link MemorySerializable} announced a size no record can have. */
    static final class InvalidSize extends RuntimeException {
        InvalidSize(String message) {
            super(message, null, false, false); // an input error, not a bug: no stack trace to fill
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
            objects.valueSerializer = null; // its size is measured next, and a bad one fails this record alone
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
