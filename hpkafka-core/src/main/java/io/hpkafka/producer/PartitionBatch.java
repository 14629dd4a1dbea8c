package io.hpkafka.producer;

import io.hpkafka.cluster.TopicPartition;
import io.hpkafka.config.CompressionCodec;
import io.hpkafka.protocol.ProtocolWriter;
import io.hpkafka.protocol.record.RecordBatchWriter;

import java.util.ArrayList;
import java.util.List;

/** Records bound for one partition's leader, written as one record batch v2 when their request is encoded. */
final class PartitionBatch {

    /** Encoding may run on whichever thread sends the request; a writer per thread avoids sharing its scratch. */
    private static final ThreadLocal<RecordBatchWriter> WRITERS = ThreadLocal.withInitial(RecordBatchWriter::new);

    final TopicPartition topicPartition;
    final int leaderId;
    final List<PendingRecord> records = new ArrayList<>();

    PartitionBatch(TopicPartition topicPartition, int leaderId) {
        this.topicPartition = topicPartition;
        this.leaderId = leaderId;
    }

    void writeTo(ProtocolWriter out, CompressionCodec codec) {
        RecordBatchWriter writer = WRITERS.get();
        writer.begin(out, codec, records.get(0).timestamp);
        for (int i = 0, n = records.size(); i < n; i++) {
            PendingRecord r = records.get(i);
            writer.append(r.timestamp, r.record.key(), r.record.value(), r.record.headers());
        }
        writer.end();
    }
}
