package io.hpkafka.boot.autoconfigure.listener;

import io.hpkafka.record.KafkaRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * The default recoverer: logs the failed record (topic, partition, offset, group, listener) with the exception at
 * ERROR, and skips it.
 */
final class LoggingRecoverer implements RecordRecoverer {

    private static final Log logger = LogFactory.getLog(LoggingRecoverer.class);

    private final String listenerId;

    LoggingRecoverer(String listenerId) {
        this.listenerId = listenerId;
    }

    @Override
    public void recover(KafkaRecord record, Exception failure, @Nullable String groupId) {
        logger.error(LogMessage.format("@HpKafkaListener '%s' gave up on record %s-%d@%d (group %s); skipping it",
                this.listenerId, record.topic(), record.partition(), record.offset(),
                (groupId != null) ? groupId : "none"), failure);
    }

}
