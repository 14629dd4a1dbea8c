package io.hpkafka.config;

/** Compression applied to each produced record batch (record batch attribute bits 0-2). */
public enum CompressionCodec {
    NONE(0), GZIP(1), SNAPPY(2), LZ4(3), ZSTD(4);

    private final int attributeId;

    CompressionCodec(int attributeId) {
        this.attributeId = attributeId;
    }

    /** @return the codec's id in the record batch attributes (bits 0-2) */
    public int attributeId() {
        return attributeId;
    }
}
