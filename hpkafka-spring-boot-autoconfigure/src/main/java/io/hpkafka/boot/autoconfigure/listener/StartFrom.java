package io.hpkafka.boot.autoconfigure.listener;

/**
 * Where an {@link HpKafkaListener} starts reading a partition: every partition in simple mode, a partition without a
 * committed offset in group mode.
 */
public enum StartFrom {

    /**
     * As {@code hpkafka.consumer.default-offset} says (latest unless set).
     */
    DEFAULT,

    /**
     * The first record still kept by the broker: everything the partition holds is delivered.
     */
    EARLIEST,

    /**
     * The end of the partition when reading starts: only records produced from then on are delivered.
     */
    LATEST

}
