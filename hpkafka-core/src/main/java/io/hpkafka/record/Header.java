package io.hpkafka.record;

/**
 * A record header (record batch v2, KIP-82). A {@code null} value and an empty value are different things and both
 * travel as given.
 *
 * @param key header key, not null
 * @param value header value bytes, may be {@code null}
 */
public record Header(String key, byte[] value) {
    public Header {
        if (key == null) {
            throw new IllegalArgumentException("header key must not be null");
        }
    }
}
