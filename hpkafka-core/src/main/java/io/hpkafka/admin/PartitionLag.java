package io.hpkafka.admin;

/**
 * How far a group is behind on one partition.
 *
 * @param committedOffset the offset the group committed: the next record it will read
 * @param endOffset the partition's high watermark when asked (ListOffsets latest)
 * @param metadata the text committed with the offset, may be null
 */
public record PartitionLag(long committedOffset, long endOffset, String metadata) {

    /** @return records between the committed offset and the end, never negative */
    public long lag() {
        return Math.max(0, endOffset - committedOffset);
    }
}
