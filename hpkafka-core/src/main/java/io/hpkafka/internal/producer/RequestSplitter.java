package io.hpkafka.internal.producer;

import io.hpkafka.internal.protocol.record.RecordSizes;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a Produce request's record batches within {@code maxRequestSizeBytes}, as measured by {@link RecordSizes}. The
 * accumulators already close a request before it would pass the limit; this is for the records whose size was
 * unknown until their serializer ran at send time. Pure functions; the records each fit alone (larger ones were
 * discarded before).
 */
final class RequestSplitter {

    private RequestSplitter() {
    }

    /** @return upper bound of the batches' bytes in a request, batch headers included; a long, so it cannot wrap */
    static long upperBound(List<PartitionBatch> batches) {
        long bytes = 0;
        for (int i = 0, n = batches.size(); i < n; i++) {
            bytes += upperBound(batches.get(i));
        }
        return bytes;
    }

    private static long upperBound(PartitionBatch batch) {
        long bytes = RecordSizes.BATCH_OVERHEAD;
        for (int i = 0, n = batch.records.size(); i < n; i++) {
            bytes += batch.records.get(i).sizeBound;
        }
        return bytes;
    }

    /**
     * Splits the batches of one request into requests each within {@code maxBytes}, keeping their order. A batch
     * goes whole into a request when it fits in one; otherwise its records are cut into consecutive batches of the
     * same partition, as many records each as fit, never one request per record.
     *
     * @param batches batches whose records each fit alone in a batch of {@code maxBytes}
     * @return the requests, in order; each one's batches in order
     */
    static List<List<PartitionBatch>> split(List<PartitionBatch> batches, long maxBytes) {
        List<List<PartitionBatch>> requests = new ArrayList<>();
        List<PartitionBatch> current = new ArrayList<>();
        long currentBytes = 0;
        for (PartitionBatch batch : batches) {
            for (PartitionBatch piece : fitting(batch, maxBytes)) {
                long bytes = upperBound(piece);
                if (!current.isEmpty() && currentBytes + bytes > maxBytes) {
                    requests.add(current);
                    current = new ArrayList<>();
                    currentBytes = 0;
                }
                current.add(piece);
                currentBytes += bytes;
            }
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    /** @return {@code batch} itself if it fits in {@code maxBytes}, else consecutive pieces of it that each fit */
    private static List<PartitionBatch> fitting(PartitionBatch batch, long maxBytes) {
        if (upperBound(batch) <= maxBytes) {
            return List.of(batch);
        }
        List<PartitionBatch> pieces = new ArrayList<>();
        PartitionBatch piece = null;
        long pieceBytes = 0;
        for (PendingRecord r : batch.records) {
            if (piece == null || pieceBytes + r.sizeBound > maxBytes) {
                piece = new PartitionBatch(batch.topicPartition, batch.leaderId, 16);
                piece.sealed = true;
                pieces.add(piece);
                pieceBytes = RecordSizes.BATCH_OVERHEAD;
            }
            piece.add(r);
            pieceBytes += r.sizeBound;
        }
        return pieces;
    }
}
