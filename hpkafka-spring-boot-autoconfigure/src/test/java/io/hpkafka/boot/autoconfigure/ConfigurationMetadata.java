package io.hpkafka.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code hpkafka.*} configuration metadata as an IDE sees it: what the configuration processor generated
 * ({@code META-INF/spring-configuration-metadata.json}) with {@code additional-spring-configuration-metadata.json}
 * merged on top (again, so that a stale incremental build cannot hide a change to the additional file). Every key
 * bound from {@code hpkafka.*} is here, whoever added it.
 */
final class ConfigurationMetadata {

    /**
     * Properties that genuinely have no default, each with what leaving it unset means. Any other property without a
     * default fails {@code HpKafkaConfigurationMetadataTests}; the docs print the reason in the default column.
     */
    static final Map<String, String> UNSET_BY_DEFAULT = Map.ofEntries(
            Map.entry("hpkafka.seeds", "required: the application's brokers (or an HpKafkaConnectionDetails bean)"),
            Map.entry("hpkafka.consumer.group-id", "listeners that name no group run in simple mode"),
            Map.entry("hpkafka.consumer.heartbeat-interval", "a third of the session timeout, at most 3 s"),
            Map.entry("hpkafka.consumer.offset-retention", "the broker's offsets.retention.minutes"),
            Map.entry("hpkafka.listener.dead-letter.topic", "the record's topic plus topic-suffix"),
            Map.entry("hpkafka.listener.key-deserializer", "keys converted by the parameter's type"),
            Map.entry("hpkafka.listener.value-deserializer",
                    "values converted by the parameter's type (JSON for objects)"),
            Map.entry("hpkafka.producer.key-serializer", "by type: built-in, a Serializer bean, else JSON"),
            Map.entry("hpkafka.producer.value-serializer", "by type: built-in, a Serializer bean, else JSON"),
            Map.entry("hpkafka.security.ssl.bundle", "the JDK's default trust store, no client certificate"),
            Map.entry("hpkafka.security.sasl.username", "required with a SASL protocol, except OAUTHBEARER"),
            Map.entry("hpkafka.security.sasl.password", "required with a SASL protocol, except OAUTHBEARER"));

    private static final String GENERATED = "META-INF/spring-configuration-metadata.json";

    private static final String ADDITIONAL = "META-INF/additional-spring-configuration-metadata.json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ConfigurationMetadata() {
    }

    /**
     * Reads the properties under {@code hpkafka.}.
     * @return the properties by name, sorted
     */
    static Map<String, Property> properties() {
        Map<String, ObjectNode> merged = new TreeMap<>();
        for (String resource : List.of(GENERATED, ADDITIONAL)) {
            for (JsonNode document : documents(resource)) {
                for (JsonNode item : document.path("properties")) {
                    String name = item.path("name").asString();
                    if (name.startsWith("hpkafka.")) {
                        merged.computeIfAbsent(name, (key) -> MAPPER.createObjectNode()).setAll((ObjectNode) item);
                    }
                }
            }
        }
        Map<String, Property> properties = new TreeMap<>();
        merged.forEach((name, item) -> properties.put(name, new Property(name, text(item, "type"),
                text(item, "description"), item.has("defaultValue") ? item.get("defaultValue") : null)));
        return properties;
    }

    /**
     * Reads the values a hint lists.
     * @param name the hint's name, e.g. {@code hpkafka.properties.keys}
     * @return the values, in file order
     */
    static List<String> hintValues(String name) {
        List<String> values = new ArrayList<>();
        for (String resource : List.of(GENERATED, ADDITIONAL)) {
            for (JsonNode document : documents(resource)) {
                for (JsonNode hint : document.path("hints")) {
                    if (name.equals(hint.path("name").asString()) && values.isEmpty()) {
                        hint.path("values").forEach((value) -> values.add(value.path("value").asString()));
                    }
                }
            }
        }
        return values;
    }

    /**
     * Reads the groups under {@code hpkafka}.
     * @return the group names, sorted
     */
    static List<String> groups() {
        return documents(GENERATED).stream()
            .flatMap((document) -> document.path("groups").valueStream())
            .map((group) -> group.path("name").asString())
            .filter((name) -> name.equals("hpkafka") || name.startsWith("hpkafka."))
            .distinct()
            .sorted()
            .toList();
    }

    private static @Nullable String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return (value != null && !value.isNull()) ? value.asString() : null;
    }

    private static List<JsonNode> documents(String resource) {
        List<JsonNode> documents = new ArrayList<>();
        try {
            Enumeration<URL> urls = ConfigurationMetadata.class.getClassLoader().getResources(resource);
            for (URL url : Collections.list(urls)) {
                try (InputStream in = url.openStream()) {
                    documents.add(MAPPER.readTree(in));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return documents;
    }

    /**
     * One property of the metadata.
     * @param name its name
     * @param type its Java type, as the metadata writes it
     * @param description its description, or null
     * @param defaultValue its default, or null when the metadata gives none
     */
    record Property(String name, @Nullable String type, @Nullable String description, @Nullable JsonNode defaultValue) {
    }

}
