package io.hpkafka.internal.producer;

import io.hpkafka.record.TopicPartition;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.message.ProduceRequest;
import io.hpkafka.internal.protocol.record.LegacyMessageSetWriter;
import io.hpkafka.internal.protocol.record.RecordBatchWriter;
import io.hpkafka.serialization.SerializationConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Records bound for one partition's leader, written when their request is encoded: as one record batch v2, or as a
 * legacy message set when the Produce version is below 3 (the pinned compatibility modes).
 */
final class PartitionBatch {

    /** Encoding may run on whichever thread sends the request; a writer per thread avoids sharing its scratch. */
    private static final ThreadLocal<RecordBatchWriter> WRITERS = ThreadLocal.withInitial(RecordBatchWriter::new);
    private static final ThreadLocal<LegacyMessageSetWriter> LEGACY_WRITERS =
            ThreadLocal.withInitial(LegacyMessageSetWriter::new);

    final TopicPartition topicPartition;
    final int leaderId;
    final List<PendingRecord> records;
    /** The accumulator the batch waits in; null for a batch made to be sent at once. */
    Accumulator accumulator;
    /** Set once the batch left its accumulator: records no longer join it. */
    boolean sealed;
    /** Whether some record's acknowledgement has per-record work (a future, an original to close). */
    boolean acknowledgedAlone;
    /** The batch already encoded (and compressed) by {@link #encode}, as record batch v2; null otherwise. */
    private ProtocolWriter encoded;
    private EncodeBuffers encodedFrom;
    /** Why {@link #encode} failed; null if it did not. */
    RuntimeException encodeError;

    /** @param expectedRecords initial capacity, so a batch as large as the last one grows no array */
    PartitionBatch(TopicPartition topicPartition, int leaderId, int expectedRecords) {
        this.topicPartition = topicPartition;
        this.leaderId = leaderId;
        this.records = new ArrayList<>(expectedRecords);
    }

    void add(PendingRecord record) {
        records.add(record);
        acknowledgedAlone |= record.acknowledgedAlone;
    }

    /**
     * Encodes and compresses the batch as record batch v2 now, on the calling thread, so that compression runs on
     * the driver's pool, batches side by side, rather than on the network thread when the request is written. A
     * failure is kept in {@link #encodeError}, not thrown.
     */
    void encode(CompressionCodec codec, EncodeBuffers buffers) {
        ProtocolWriter buffer = buffers.take();
        try {
            writeV2(WRITERS.get(), buffer, codec);
            encoded = buffer;
            encodedFrom = buffers;
        } catch (RuntimeException e) {
            encodeError = e;
            buffers.give(buffer);
        }
    }

    /**
     * Writes the batch into a Produce request being encoded (on the network thread).
     *
     * @throws BatchEncodingException if a record's value or the codec fails
     */
    void writeTo(ProtocolWriter out, short produceVersion, CompressionCodec codec) {
        try {
            write(out, produceVersion, codec);
        } catch (RuntimeException e) {
            throw new BatchEncodingException(topicPartition.toString(), e);
        }
    }

    private void write(ProtocolWriter out, short produceVersion, CompressionCodec codec) {
        if (encoded != null) {
            if (ProduceRequest.magic(produceVersion) != 2) {
                throw new IllegalStateException("batch encoded as record batch v2, but Produce v" + produceVersion
                        + " needs message format v" + ProduceRequest.magic(produceVersion));
            }
            out.bytes(encoded.array(), 0, encoded.position());
            encodedFrom.give(encoded); // written once: a retry batches its records anew
            encoded = null;
            return;
        }
        byte magic = ProduceRequest.magic(produceVersion);
        if (magic < 2) {
            LegacyMessageSetWriter legacy = LEGACY_WRITERS.get();
            legacy.begin(out, magic, codec);
            for (int i = 0, n = records.size(); i < n; i++) {
                PendingRecord r = records.get(i);
                byte[] value = r.directValue != null
                        ? SerializationConfig.DEFAULT_SERIALIZER.serialize(r.topic, r.directValue)
                        : r.value;
                legacy.append(r.timestamp, r.key, value, r.headers);
            }
            legacy.end();
            return;
        }
        writeV2(WRITERS.get(), out, codec);
    }

    private void writeV2(RecordBatchWriter writer, ProtocolWriter out, CompressionCodec codec) {
        writer.begin(out, codec, records.get(0).timestamp);
        for (int i = 0, n = records.size(); i < n; i++) {
            PendingRecord r = records.get(i);
            if (r.directValue != null) {
                writer.append(r.timestamp, r.key, r.directValue, r.headers);
            } else {
                writer.append(r.timestamp, r.key, r.value, r.headers);
            }
        }
        writer.end();
    }
}
