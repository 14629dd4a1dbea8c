package io.hpkafka.internal.producer;

/**
 * Partition choice for keyed records, compatible with the official Java client's default partitioner: murmur2 of the
 * serialized key, made positive, modulo the topic's partition count. Both clients therefore agree on a key's
 * partition.
 */
public final class Partitioner {

    private Partitioner() {
    }

    /** @return the partition of {@code key} among {@code partitionCount} partitions */
    public static int partitionForKey(byte[] key, int partitionCount) {
        return (murmur2(key) & 0x7fffffff) % partitionCount;
    }

    /** MurmurHash2, 32-bit, with the seed the Kafka clients use ({@code 0x9747b28c}). */
    public static int murmur2(byte[] data) {
        int length = data.length;
        final int m = 0x5bd1e995;
        final int r = 24;
        int h = 0x9747b28c ^ length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = i * 4;
            int k = (data[at] & 0xff) | ((data[at + 1] & 0xff) << 8) | ((data[at + 2] & 0xff) << 16)
                    | ((data[at + 3] & 0xff) << 24);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        int tail = blocks * 4;
        switch (length - tail) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= data[tail] & 0xff;
                h *= m;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h;
    }
}
