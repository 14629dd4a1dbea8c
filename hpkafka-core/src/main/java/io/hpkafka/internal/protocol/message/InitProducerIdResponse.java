package io.hpkafka.internal.protocol.message;

/**
 * InitProducerId (key 22) response, v0-v5.
 *
 * @param throttleTimeMs how long the broker throttled the request, in ms
 * @param errorCode e.g. COORDINATOR_LOAD_IN_PROGRESS, CONCURRENT_TRANSACTIONS (retry), PRODUCER_FENCED (v4+)
 * @param producerId the producer id to put in record batches, or -1
 * @param producerEpoch its epoch
 */
public record InitProducerIdResponse(int throttleTimeMs, short errorCode, long producerId, short producerEpoch) {
}
