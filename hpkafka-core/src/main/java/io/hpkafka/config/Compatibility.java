package io.hpkafka.config;

/**
 * Which protocol versions the client may use. {@link #NEGOTIATE} asks each broker (ApiVersions, API key 18) and picks,
 * per API, the highest version both sides support. The legacy modes pin old API versions and message formats for
 * brokers that predate ApiVersions.
 */
public enum Compatibility {
    /** Negotiate per connection with ApiVersions (the default; works with Kafka 0.10.0 and later). */
    NEGOTIATE,
    /** Kafka 0.8.2 APIs and message format v0 (no ApiVersions request). */
    V0_8_2,
    /** Kafka 0.10.1 APIs and message format v1. */
    V0_10_1
}
