package io.hpkafka.internal.producer;

import io.hpkafka.producer.DiscardReason;

/**
 * Writing a record batch failed on the client's side: a {@link io.hpkafka.serialization.MemorySerializable} value
 * threw or wrote another size than it announced, or the codec failed. Its records are discarded as
 * {@link DiscardReason#SERIALIZATION_ERROR}, never reported as a broker's error.
 */
final class BatchEncodingException extends RuntimeException {

    BatchEncodingException(String topicPartition, RuntimeException cause) {
        super("writing the record batch for " + topicPartition + " failed: " + cause, cause);
    }
}
