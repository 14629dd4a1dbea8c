package io.hpkafka.internal.producer;

import io.hpkafka.internal.protocol.record.RecordSizes;
import io.hpkafka.producer.DiscardReason;

/**
 * {@code maxRequestSizeBytes} applied to single records: measures a record ({@link PendingRecord#measure()}) and
 * keeps its bound in {@link PendingRecord#sizeBound}, or gives it its outcome. kafka-clients' {@code send} throws
 * RecordTooLargeException at the same point; here the record is discarded with an event, as every other refusal.
 * Reads sizes only: nothing of a record's size is allocated. Thread-safe (no state of its own beyond settings).
 */
final class RecordSizeLimit {

    private final int maxRequestSizeBytes;
    private final RecordOutcomes outcomes;

    RecordSizeLimit(int maxRequestSizeBytes, RecordOutcomes outcomes) {
        this.maxRequestSizeBytes = maxRequestSizeBytes;
        this.outcomes = outcomes;
    }

    /**
     * At produce: discards the record as RECORD_TOO_LARGE when it can take more than {@code maxRequestSizeBytes}
     * in a request, as INVALID_RECORD when a value announces a negative size, as SERIALIZATION_ERROR when
     * announcing its size throws.
     *
     * @return whether the record may go on
     */
    boolean admit(PendingRecord pr) {
        return check(pr, DiscardReason.INVALID_RECORD);
    }

    /**
     * At send time, once the record's serializers ran: as {@link #admit}, with a bad announced size counted as a
     * SERIALIZATION_ERROR (the value changed its mind since produce).
     *
     * @return whether the record may stay in its batch
     */
    boolean admitSerialized(PendingRecord pr) {
        return check(pr, DiscardReason.SERIALIZATION_ERROR);
    }

    private boolean check(PendingRecord pr, DiscardReason invalidSize) {
        DiscardReason refusal;
        String error;
        try {
            long bound = pr.measure();
            if (RecordSizes.batchUpperBound(bound) <= maxRequestSizeBytes) {
                pr.sizeBound = bound;
                return true;
            }
            refusal = DiscardReason.RECORD_TOO_LARGE;
            error = tooLarge(pr, bound);
        } catch (PendingRecord.InvalidSize e) {
            refusal = invalidSize;
            error = e.getMessage();
        } catch (RuntimeException e) { // the size of a user's MemorySerializable threw
            refusal = DiscardReason.SERIALIZATION_ERROR;
            error = e.toString();
        }
        outcomes.discard(pr, refusal, error);
        return false;
    }

    private String tooLarge(PendingRecord pr, long bound) {
        return "the record takes up to " + RecordSizes.batchUpperBound(bound) + " bytes in a request (key "
                + Math.max(0, pr.keySize()) + " bytes, value " + Math.max(0, pr.valueSize()) + " bytes, "
                + pr.headers.size() + " headers), more than maxRequestSizeBytes=" + maxRequestSizeBytes + " bytes";
    }
}
