package io.hpkafka.config;

/**
 * Thrown when a {@link io.hpkafka.config.Configuration} option has a value the client cannot work with. Raised at
 * construction, before any connection is opened, so a bad setting fails start-up instead of surfacing later.
 */
public class InvalidConfigurationException extends IllegalArgumentException {

    private final String option;
    private final String reason;

    /**
     * @param option the option's name as {@link io.hpkafka.config.Configuration.Builder} spells it, e.g. {@code seeds}
     * @param message what is wrong and what is expected
     */
    public InvalidConfigurationException(String option, String message) {
        super("Invalid configuration option '" + option + "': " + message);
        this.option = option;
        this.reason = message;
    }

    /** @return the option's name as {@link io.hpkafka.config.Configuration.Builder} spells it, e.g. {@code seeds} */
    public String option() {
        return option;
    }

    /** @return what is wrong and what is expected, without the option's name */
    public String reason() {
        return reason;
    }
}
