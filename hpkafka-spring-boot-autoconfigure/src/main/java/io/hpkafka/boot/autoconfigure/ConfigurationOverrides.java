package io.hpkafka.boot.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.hpkafka.config.Configuration;
import io.hpkafka.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * Applies {@code hpkafka.properties.*}: options of {@link Configuration.Builder} set by name, after the typed
 * properties. A name is the builder method's, in kebab-case ({@code produce-batch-size}) or camelCase; a value is
 * read as the option's type: an int (a duration such as {@code 250ms} for options in ms, a data size such as
 * {@code 64KB} for options in bytes), a boolean, a duration (a bare number is ms), an enum constant (any case,
 * {@code -} for {@code _}) or a string. Options that take an object (the executor, hooks, interceptors) are set by an
 * {@link HpKafkaConfigurationCustomizer} instead. An unknown name or a value that does not read fails start-up naming
 * the key.
 */
final class ConfigurationOverrides {

    /** The prefix of the overrides. */
    static final String PREFIX = "hpkafka.properties";

    /** Builder options the map does not set, each with where to set it instead. */
    static final Map<String, String> EXCLUDED = Map.of("seeds",
            "set hpkafka.seeds (or define an HpKafkaConnectionDetails bean)", "executor",
            "set it with an HpKafkaConfigurationCustomizer", "serializationConfig",
            "use hpkafka.producer.key-serializer, value-serializer, their per-topic maps and serialize-on-produce");

    // Normalized name (lower case, no separators) to builder method, for the options a text can set.
    private static final Map<String, Method> OPTIONS = setters(true);

    // The same for options that take an object (hooks, interceptors): only a customizer can set those.
    private static final Map<String, Method> OBJECT_OPTIONS = setters(false);

    private ConfigurationOverrides() {
    }

    /**
     * Returns the names the map accepts.
     * @return the option names in kebab-case, sorted
     */
    static List<String> optionNames() {
        return OPTIONS.values().stream().map((method) -> kebab(method.getName())).sorted().toList();
    }

    /**
     * Sets the options the map names on the builder.
     * @param builder the builder, holding the typed properties' values
     * @param overrides the {@code hpkafka.properties.*} map
     * @return for each option set, its builder name to the property key that set it, to report a value the
     * builder rejects under that key
     * @throws InvalidConfigurationPropertyValueException naming the key that is unknown or whose value does not read
     */
    static Map<String, String> apply(Configuration.Builder builder, Map<String, String> overrides) {
        Map<String, String> applied = new LinkedHashMap<>();
        overrides.forEach((key, value) -> {
            String property = PREFIX + "." + key;
            Method option = OPTIONS.get(normalize(key));
            if (option == null) {
                String excluded = EXCLUDED.entrySet().stream()
                    .filter((entry) -> normalize(entry.getKey()).equals(normalize(key)))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
                Method object = OBJECT_OPTIONS.get(normalize(key));
                throw new InvalidConfigurationPropertyValueException(property, value, (excluded != null)
                        ? "cannot be set here: " + excluded
                        : (object != null) ? "takes an object (" + object.getParameterTypes()[0].getSimpleName()
                                + ") a text cannot express: set it with an HpKafkaConfigurationCustomizer"
                        : "names no option of the client's Configuration; known options: " + optionNames());
            }
            Object parsed = parse(property, option, value);
            try {
                option.invoke(builder, parsed);
            }
            catch (IllegalAccessException | InvocationTargetException ex) {
                throw new IllegalStateException("Cannot set " + option.getName() + " from " + property, ex);
            }
            applied.put(option.getName(), property);
        });
        return applied;
    }

    private static Map<String, Method> setters(boolean readable) {
        return Arrays.stream(Configuration.Builder.class.getDeclaredMethods())
            .filter((method) -> Modifier.isPublic(method.getModifiers()) && method.getParameterCount() == 1
                    && !EXCLUDED.containsKey(method.getName())
                    && readable == isReadable(method.getParameterTypes()[0]))
            .collect(Collectors.toMap((method) -> normalize(method.getName()), (method) -> method, (a, b) -> a,
                    TreeMap::new));
    }

    private static boolean isReadable(Class<?> type) {
        return type == int.class || type == boolean.class || type == Duration.class || type == String.class
                || type.isEnum();
    }

    private static Object parse(String property, Method option, String value) {
        Class<?> type = option.getParameterTypes()[0];
        String text = value.trim();
        try {
            if (type == int.class) {
                return parseInt(option.getName(), text);
            }
            if (type == boolean.class) {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not a boolean");
                }
                return Boolean.parseBoolean(text);
            }
            if (type == Duration.class) {
                return DurationStyle.detectAndParse(text, ChronoUnit.MILLIS);
            }
            if (type.isEnum()) {
                return parseEnum(type, text);
            }
            if (type == String.class) {
                return value;
            }
        }
        catch (RuntimeException ex) {
            throw new InvalidConfigurationPropertyValueException(property, value, describe(option) + " expected"
                    + ((ex instanceof EnumValueException) ? ": " + ex.getMessage() : ""));
        }
        // Unreachable: OPTIONS holds only the types above.
        throw new IllegalStateException("No reader for " + type);
    }

    private static int parseInt(String option, String text) {
        long parsed;
        if (inMillis(option)) {
            parsed = DurationStyle.detectAndParse(text, ChronoUnit.MILLIS).toMillis();
        }
        else if (inBytes(option)) {
            parsed = DataSize.parse(text).toBytes();
        }
        else {
            parsed = Long.parseLong(text);
        }
        if (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("out of int range");
        }
        return (int) parsed;
    }

    private static Object parseEnum(Class<?> type, String text) {
        String wanted = text.replace('-', '_');
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new EnumValueException("one of " + enumValues(type));
    }

    /**
     * Returns the values of an enum as properties write them.
     * @param type the enum type
     * @return e.g. {@code [none, leader, all-in-sync-replicas]}
     */
    static List<String> enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
            .map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .toList();
    }

    private static String describe(Method option) {
        Class<?> type = option.getParameterTypes()[0];
        if (type == int.class) {
            return inMillis(option.getName()) ? "a duration (a bare number is ms)"
                    : inBytes(option.getName()) ? "a data size (a bare number is bytes)" : "an integer";
        }
        if (type == Duration.class) {
            return "a duration (a bare number is ms)";
        }
        return type.isEnum() ? "an enum constant" : "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static boolean inMillis(String option) {
        return option.endsWith("Ms");
    }

    private static boolean inBytes(String option) {
        return option.endsWith("Bytes") || option.endsWith("BufferSize");
    }

    private static String normalize(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * Reports an option the builder rejected, set by an override, under the override's key.
     * @param ex the builder's exception
     * @param applied the overrides {@link #apply} applied
     * @param overrides the override values by key (relative to the prefix)
     * @return the exception naming the key, or null when no override set the option
     */
    static @Nullable InvalidConfigurationPropertyValueException translate(InvalidConfigurationException ex,
            Map<String, String> applied, Map<String, String> overrides) {
        String property = applied.get(ex.option());
        if (property == null) {
            return null;
        }
        InvalidConfigurationPropertyValueException translated = new InvalidConfigurationPropertyValueException(
                property, overrides.get(property.substring(PREFIX.length() + 1)), ex.reason());
        translated.initCause(ex);
        return translated;
    }

    // A failure whose message lists the allowed values.
    private static final class EnumValueException extends IllegalArgumentException {

        EnumValueException(String message) {
            super(message);
        }

    }

}
