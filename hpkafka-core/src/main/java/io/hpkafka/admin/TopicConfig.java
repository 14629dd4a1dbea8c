package io.hpkafka.admin;

/**
 * One config of a topic, as DescribeConfigs (API key 32) reports it.
 *
 * @param name the config key, e.g. {@code retention.ms}
 * @param value the value, or null when it is sensitive or has none
 * @param source where the value comes from
 * @param readOnly whether it cannot be altered
 * @param sensitive whether the broker hides its value
 */
public record TopicConfig(String name, String value, Source source, boolean readOnly, boolean sensitive) {

    /** @return whether the value is the broker's built-in default, not set for this topic or this cluster */
    public boolean isDefault() {
        return source == Source.DEFAULT;
    }

    /** Where a config value comes from (DescribeConfigs' {@code ConfigSource}). */
    public enum Source {
        /** Not said (code -1 or one this client does not know). */
        UNKNOWN,
        /** Set on this topic (code 1). */
        TOPIC,
        /** Set dynamically on the broker asked (code 2). */
        DYNAMIC_BROKER,
        /** Set dynamically as every broker's default (code 3). */
        DYNAMIC_DEFAULT_BROKER,
        /** Set in the broker's properties file (code 4). */
        STATIC_BROKER,
        /** Kafka's built-in default (code 5). */
        DEFAULT;

        /** @return the source of DescribeConfigs code {@code code} */
        public static Source of(int code) {
            return code >= 1 && code <= 5 ? values()[code] : UNKNOWN;
        }
    }
}
