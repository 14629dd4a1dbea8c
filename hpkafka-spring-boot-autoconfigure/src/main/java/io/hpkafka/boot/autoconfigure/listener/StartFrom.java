package io.hpkafka.boot.autoconfigure.listener;

/**
 * Where an {@link HpKafkaListener} starts reading each partition.
 */
public enum StartFrom {

    /**
     * The first record still kept by the broker: everything the topic holds is delivered.
     */
    EARLIEST,

    /**
     * The end of the partition when listening starts: only records produced from then on are delivered.
     */
    LATEST

}
