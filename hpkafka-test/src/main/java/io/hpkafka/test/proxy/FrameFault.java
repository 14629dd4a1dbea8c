package io.hpkafka.test.proxy;

/**
 * What {@link FaultProxy} does to a Kafka frame (a 4-byte size and the request or response it announces) chosen by
 * {@link Direction#corrupt(FrameFault, int)}.
 */
public enum FrameFault {
    /**
     * The frame is replaced by a well-formed frame of 200 random bytes: its correlation id does not match the
     * request waiting for it, so the client must reset the connection.
     */
    RANDOM_FRAME,
    /** The frame, size included, is replaced by 200 random bytes: the size the client reads is garbage. */
    RANDOM_BYTES,
    /**
     * One byte is flipped 16 bytes before the end of the frame, where a Fetch response carries the records of its
     * last record batch: the batch's CRC no longer matches.
     */
    CORRUPT_TAIL,
    /** Half of the frame is forwarded, then the connection is closed: the peer sees a truncated frame. */
    TRUNCATE_AND_CUT
}
