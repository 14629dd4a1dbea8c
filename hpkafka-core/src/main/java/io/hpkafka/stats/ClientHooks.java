package io.hpkafka.stats;

import io.hpkafka.producer.DiscardReason;

/**
 * Instrumentation callbacks of one client, in the manner of franz-go's {@code kgo.Hook}: set them with
 * {@link io.hpkafka.config.Configuration.Builder#addHooks}, and the client calls them per record batch, per request
 * and per fetched partition, never per record on the produce or fetch path. Every method does nothing by default:
 * implement those you need.
 * <p>
 * Thread rule: methods are called on the client's own threads, the network thread included
 * ({@link #onRequestCompleted}, {@link #onBatchWritten}), often side by side: they must be thread-safe and return
 * quickly (update a counter, record a timer), never block. A hook that throws is logged once and otherwise ignored;
 * it never breaks the client.
 */
public interface ClientHooks {

    /**
     * A client was created with these hooks, before it reports anything else. Hooks shared by several clients (one
     * configuration, several clients) hear of each.
     *
     * @param clientId the client's {@code clientId}, sent in every request header
     */
    default void onClientCreated(String clientId) {
    }

    /**
     * A record batch was written into a Produce request (API key 0): once per batch and attempt, so a retried batch
     * is reported again.
     *
     * @param topic the batch's topic
     * @param partition the batch's partition
     * @param records records in the batch
     * @param bytes size of the batch as written (after compression), in bytes
     */
    default void onBatchWritten(String topic, int partition, int records, int bytes) {
    }

    /**
     * Records of one batch were acknowledged by the partition's leader (or written, with acks=0).
     *
     * @param topic the topic
     * @param partition the partition
     * @param records records acknowledged
     */
    default void onRecordsAcknowledged(String topic, int partition, int records) {
    }

    /**
     * Records were given up on. Discards happen one record at a time (each has its own error), on error paths only.
     *
     * @param topic the topic
     * @param partition the partition, or -1 when none was chosen yet
     * @param records records discarded (1 today)
     * @param reason why
     */
    default void onRecordsDiscarded(String topic, int partition, int records, DiscardReason reason) {
    }

    /**
     * Records outlived {@code messageTtl} before being acknowledged.
     *
     * @param topic the topic
     * @param partition the partition, or -1 when none was chosen yet
     * @param records records expired (1 today)
     */
    default void onRecordsExpired(String topic, int partition, int records) {
    }

    /**
     * A broker answered a request: called on the network thread as the response arrives, for every API (Produce,
     * Fetch, Metadata, group requests, ...), ApiVersions during connection set-up excepted.
     *
     * @param api the API's name as Kafka spells it ({@code "Produce"}, {@code "Fetch"}, {@code "Metadata"}, ...)
     * @param apiKey the API key (0 for Produce, 1 for Fetch, ...)
     * @param nodeId the broker's node id; negative for a seed broker whose id is not known yet
     * @param latencyNanos time between writing the request and reading its response, in nanoseconds
     */
    default void onRequestCompleted(String api, int apiKey, int nodeId, long latencyNanos) {
    }

    /**
     * One partition of a Fetch response (API key 1) was decoded without error and its records handed to the
     * consumer; called for every such partition in the response, with zero records too, so lag stays current while
     * nothing arrives. Not called for a partition released meanwhile, so it never follows
     * {@link #onPartitionReleased} for the same fetch. With several consumers of the client reading the same
     * partition, each fetch is reported.
     *
     * @param topic the topic
     * @param partition the partition
     * @param records records decoded (those before the fetch position are skipped, not counted)
     * @param bytes size of the partition's record data in the response, in bytes
     * @param highWatermark the partition's high watermark: offset of the next record to be committed
     * @param nextOffset the consumer's position after these records: {@code highWatermark - nextOffset} is its lag
     * @param latencyNanos time between sending the Fetch request and receiving its response, in nanoseconds (the
     *     broker's {@code fetchMaxWaitTimeMs} included)
     */
    default void onFetchCompleted(String topic, int partition, int records, int bytes, long highWatermark,
            long nextOffset, long latencyNanos) {
    }

    /**
     * A consumer of the client stopped reading a partition (stopped, given up in a rebalance, failed for good, or
     * the consumer closed). Another consumer of the client may still read it.
     *
     * @param topic the topic
     * @param partition the partition
     */
    default void onPartitionReleased(String topic, int partition) {
    }

    /**
     * The client closed: nothing more is reported. Release what was made for this client (meters, for instance).
     */
    default void onClientClosed() {
    }

}
