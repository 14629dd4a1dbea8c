package io.hpkafka.internal.producer;

import io.hpkafka.internal.protocol.record.RecordSizes;
import io.hpkafka.record.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cutting a request whose late-serialized records passed maxRequestSizeBytes. */
class RequestSplitterTest {

    private static final TopicPartition A = new TopicPartition("t", 0);
    private static final TopicPartition B = new TopicPartition("t", 1);

    @Test
    void batchesThatFitTogetherStayInOneRequest() {
        List<PartitionBatch> batches = List.of(batch(A, 3, 100), batch(B, 2, 100));
        long bound = RequestSplitter.upperBound(batches);
        assertThat(bound).isEqualTo(2L * RecordSizes.BATCH_OVERHEAD + 5 * 100);
        assertThat(RequestSplitter.split(batches, bound)).containsExactly(batches);
    }

    @Test
    void wholeBatchesMoveToTheNextRequestWhenTheyDoNotFitBesideTheOthers() {
        PartitionBatch a = batch(A, 3, 100);
        PartitionBatch b = batch(B, 3, 100);
        List<List<PartitionBatch>> requests = RequestSplitter.split(List.of(a, b), 400);
        assertThat(requests).containsExactly(List.of(a), List.of(b));
    }

    @Test
    void aBatchTooLargeForOneRequestIsCutIntoConsecutivePiecesOfSeveralRecords() {
        PartitionBatch big = batch(A, 20, 100);
        long max = RecordSizes.BATCH_OVERHEAD + 7 * 100; // room for 7 records a request
        List<List<PartitionBatch>> requests = RequestSplitter.split(List.of(big), max);
        assertThat(requests).hasSize(3);
        List<PendingRecord> inOrder = new ArrayList<>();
        for (List<PartitionBatch> request : requests) {
            assertThat(RequestSplitter.upperBound(request)).isLessThanOrEqualTo(max);
            assertThat(request).singleElement().satisfies(piece -> {
                assertThat(piece.topicPartition).isEqualTo(A);
                assertThat(piece.sealed).isTrue();
            });
            inOrder.addAll(request.get(0).records);
        }
        assertThat(requests).extracting(r -> r.get(0).records.size()).containsExactly(7, 7, 6);
        assertThat(inOrder).containsExactlyElementsOf(big.records);
    }

    @Test
    void sizesSummingPastTwoGibibytesDoNotWrap() {
        PartitionBatch a = batch(A, 2, Integer.MAX_VALUE - 100);
        assertThat(RequestSplitter.upperBound(List.of(a))).isGreaterThan(Integer.MAX_VALUE);
        assertThat(RequestSplitter.split(List.of(a), Integer.MAX_VALUE)).hasSize(2);
    }

    private static PartitionBatch batch(TopicPartition tp, int records, long bytesEach) {
        PartitionBatch b = new PartitionBatch(tp, 0, records);
        for (int i = 0; i < records; i++) {
            PendingRecord r = new PendingRecord(tp.topic(), tp.partition(), null, new byte[] {(byte) i}, List.of(), 0,
                    0, null);
            r.sizeBound = bytesEach;
            b.add(r);
        }
        return b;
    }
}
