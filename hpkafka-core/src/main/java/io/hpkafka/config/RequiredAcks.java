package io.hpkafka.config;

/** Acknowledgements a partition leader waits for before answering a Produce request (the request's {@code acks}). */
public enum RequiredAcks {
    /** {@code acks=0}: the broker sends no response; records count as acknowledged once written to the socket. */
    NONE((short) 0),
    /** {@code acks=1}: the leader has appended the records to its log. */
    LEADER((short) 1),
    /** {@code acks=-1}: every in-sync replica has the records (subject to the topic's {@code min.insync.replicas}). */
    ALL_IN_SYNC_REPLICAS((short) -1);

    private final short wireValue;

    RequiredAcks(short wireValue) {
        this.wireValue = wireValue;
    }

    /** @return the value of the Produce request's {@code Acks} field */
    public short wireValue() {
        return wireValue;
    }
}
