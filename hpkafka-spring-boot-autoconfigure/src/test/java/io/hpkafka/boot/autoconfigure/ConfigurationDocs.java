package io.hpkafka.boot.autoconfigure;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hpkafka.boot.autoconfigure.ConfigurationMetadata.Property;
import io.hpkafka.config.Configuration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Writes {@code docs/configuration.md} from the configuration metadata: every {@code hpkafka.*} key with its type,
 * unit, default and meaning, grouped and sorted so that the output only changes when the metadata does.
 * {@code HpKafkaConfigurationDocsTests} fails when the file differs; run it with {@code -Dhpkafka.docs.write=true}
 * (or run this class's {@code main}) to rewrite it.
 */
final class ConfigurationDocs {

    /** The command that rewrites the file. */
    static final String REGENERATE = "mvn -B -o -q -pl hpkafka-core,hpkafka-test,hpkafka-spring-boot-autoconfigure -am test"
            + " -Dtest=HpKafkaConfigurationDocsTests -Dsurefire.failIfNoSpecifiedTests=false -Dhpkafka.docs.write=true";

    private static final Pattern GENERIC = Pattern.compile("java\\.util\\.(List|Map)<(.+)>");

    private ConfigurationDocs() {
    }

    /**
     * Rewrites {@code docs/configuration.md}.
     * @param args unused
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Files.writeString(file(), render(), StandardCharsets.UTF_8);
    }

    /**
     * Returns where the document lives: {@code docs/configuration.md} of the repository this test runs in.
     * @return the path
     */
    static Path file() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/architecture.md"))) {
                return dir.resolve("docs/configuration.md");
            }
        }
        throw new IllegalStateException("No docs/architecture.md above " + Path.of("").toAbsolutePath());
    }

    /**
     * Renders the document.
     * @return the Markdown text
     */
    static String render() {
        Map<String, Property> properties = ConfigurationMetadata.properties();
        List<String> groups = new ArrayList<>(ConfigurationMetadata.groups());
        Map<String, List<Property>> byGroup = new TreeMap<>();
        for (Property property : properties.values()) {
            byGroup.computeIfAbsent(group(property.name(), groups), (key) -> new ArrayList<>()).add(property);
        }
        StringBuilder out = new StringBuilder();
        out.append("# Configuration properties\n\n");
        out.append("<!-- Generated from the configuration metadata by ConfigurationDocs (test scope of\n");
        out.append("     hpkafka-spring-boot-autoconfigure); do not edit by hand. Regenerate with:\n");
        out.append("     ").append(REGENERATE).append(" -->\n\n");
        out.append("Every `hpkafka.*` key the starter binds, as IDEs show them from the configuration metadata.\n");
        out.append("Durations take a unit (`500ms`, `10s`, `5m`, `1d`); a bare number is milliseconds. Data sizes take\n");
        out.append("one too (`512B`, `64KB`, `1MB`); a bare number is bytes. Enum values may be written in any case,\n");
        out.append("with `-` or `_`. A topic name with dots is a map key in brackets: `value-serializers[orders.v2]`.\n");
        out.append("An invalid value fails start-up naming the key.\n");
        byGroup.forEach((group, members) -> {
            out.append("\n## `").append(group).append("`\n\n");
            out.append("| Key | Type | Unit | Default | Meaning |\n");
            out.append("|---|---|---|---|---|\n");
            for (Property property : members) {
                out.append("| `").append(property.name()).append("` | ").append(type(property.type())).append(" | ")
                    .append(unit(property.type())).append(" | ").append(defaultValue(property)).append(" | ")
                    .append(cell(property.description())).append(" |\n");
            }
        });
        out.append("\n## Options of `hpkafka.properties.*`\n\n");
        out.append("Options of the client's `Configuration` builder set by name, applied after the typed properties\n");
        out.append("above (kebab-case as here, or the builder's camelCase). `seeds` and `serializationConfig` are not\n");
        out.append("accepted (use `hpkafka.seeds` and the `hpkafka.producer.*-serializer(s)` keys), nor options that take\n");
        out.append("an object, such as `executor` (use an `HpKafkaConfigurationCustomizer`).\n\n");
        out.append("| Option | Type | Unit |\n");
        out.append("|---|---|---|\n");
        Map<String, Method> options = new TreeMap<>();
        for (Method method : Configuration.Builder.class.getDeclaredMethods()) {
            String kebab = method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (ConfigurationOverrides.optionNames().contains(kebab) && method.getParameterCount() == 1) {
                options.put(kebab, method);
            }
        }
        options.forEach((name, method) -> {
            Class<?> parameter = method.getParameterTypes()[0];
            boolean ms = method.getName().endsWith("Ms");
            boolean bytes = method.getName().endsWith("Bytes") || method.getName().endsWith("BufferSize");
            String type = (parameter == Duration.class || ms) ? "duration" : bytes ? "data size"
                    : type(parameter.getName());
            out.append("| `").append(name).append("` | ").append(type).append(" | ")
                .append((parameter == Duration.class || ms) ? "ms if bare" : bytes ? "bytes if bare" : "")
                .append(" |\n");
        });
        return out.toString();
    }

    // The longest metadata group that is a prefix of the key.
    private static String group(String name, List<String> groups) {
        return groups.stream()
            .filter((group) -> name.startsWith(group + "."))
            .max((a, b) -> Integer.compare(a.length(), b.length()))
            .orElse("hpkafka");
    }

    private static String type(@Nullable String type) {
        if (type == null) {
            return "";
        }
        Matcher generic = GENERIC.matcher(type);
        if (generic.matches()) {
            if (generic.group(1).equals("Map")) {
                return "map of " + String.join(" to ", Arrays.stream(generic.group(2).split(","))
                    .map((part) -> type(part.trim()))
                    .toList());
            }
            return "list of " + type(generic.group(2));
        }
        return switch (type) {
            case "java.lang.String" -> "string";
            case "java.lang.Integer", "int" -> "int";
            case "java.lang.Long", "long" -> "long";
            case "java.lang.Boolean", "boolean" -> "boolean";
            case "java.lang.Double", "double" -> "double";
            case "java.time.Duration" -> "duration";
            case "org.springframework.util.unit.DataSize" -> "data size";
            default -> enumOrClass(type);
        };
    }

    private static String enumOrClass(String type) {
        if (type.startsWith("java.lang.Class<")) {
            return "class name";
        }
        try {
            Class<?> resolved = Class.forName(type.replace('$', '.').equals(type) ? binaryName(type) : type);
            if (resolved.isEnum()) {
                return "enum: " + String.join(", ", ConfigurationOverrides.enumValues(resolved).stream()
                    .map((value) -> "`" + value + "`")
                    .toList());
            }
            return resolved.getSimpleName();
        }
        catch (ClassNotFoundException ex) {
            return type.substring(type.lastIndexOf('.') + 1);
        }
    }

    // Nested classes are written Outer.Inner in the metadata; Class.forName wants Outer$Inner.
    private static String binaryName(String type) {
        String name = type;
        while (true) {
            try {
                Class.forName(name);
                return name;
            }
            catch (ClassNotFoundException ex) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    return type;
                }
                name = name.substring(0, dot) + "$" + name.substring(dot + 1);
            }
        }
    }

    private static String unit(@Nullable String type) {
        if ("java.time.Duration".equals(type)) {
            return "ms if bare";
        }
        if ("org.springframework.util.unit.DataSize".equals(type)) {
            return "bytes if bare";
        }
        return "";
    }

    private static String defaultValue(Property property) {
        JsonNode value = property.defaultValue();
        if (value == null) {
            String unset = ConfigurationMetadata.UNSET_BY_DEFAULT.get(property.name());
            return (unset != null) ? "none (" + cell(unset) + ")" : "";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "empty" : String.join(", ", value.valueStream()
                .map((item) -> "`" + item.asString() + "`")
                .toList());
        }
        if (value.isObject()) {
            return value.isEmpty() ? "empty" : "`" + cell(value.toString()) + "`";
        }
        return "`" + cell(value.asString()) + "`";
    }

    private static String cell(@Nullable String text) {
        return (text != null) ? text.replace("|", "\\|").replace("\n", " ") : "";
    }

}
