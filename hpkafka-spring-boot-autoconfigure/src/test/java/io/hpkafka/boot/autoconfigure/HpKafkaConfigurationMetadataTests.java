package io.hpkafka.boot.autoconfigure;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hpkafka.boot.autoconfigure.ConfigurationMetadata.Property;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code hpkafka.*} key, whoever adds it, reaches the IDE with a description and a default (or is listed in
 * {@link ConfigurationMetadata#UNSET_BY_DEFAULT} with what unset means).
 */
class HpKafkaConfigurationMetadataTests {

    private final Map<String, Property> properties = ConfigurationMetadata.properties();

    @Test
    void theMetadataHoldsTheKeysOfEveryPropertiesClass() {
        assertThat(this.properties).containsKeys("hpkafka.seeds", "hpkafka.producer.batch-size",
                "hpkafka.consumer.auto-commit-interval", "hpkafka.listener.ack-mode", "hpkafka.properties");
        assertThat(this.properties).hasSizeGreaterThanOrEqualTo(67);
    }

    @Test
    void everyKeyHasADescriptionOfAtLeastOneSentence() {
        assertThat(this.properties.values())
            .filteredOn((property) -> property.description() == null || property.description().isBlank()
                    || !property.description().endsWith("."))
            .extracting(Property::name)
            .as("keys without a one-sentence description (a Javadoc sentence on the field)")
            .isEmpty();
    }

    @Test
    void noDescriptionCarriesJavadocTags() {
        // The processor copies the Javadoc text as is: an IDE would show {@code x} literally.
        assertThat(this.properties.values())
            .filteredOn((property) -> property.description() != null && property.description().contains("{@"))
            .extracting(Property::name)
            .isEmpty();
    }

    @Test
    void everyKeyHasADefaultOrIsListedAsUnsetWithAReason() {
        assertThat(this.properties.values())
            .filteredOn((property) -> property.defaultValue() == null
                    && !ConfigurationMetadata.UNSET_BY_DEFAULT.containsKey(property.name()))
            .extracting(Property::name)
            .as("keys without a default: give the field an initializer, or add the default to "
                    + "additional-spring-configuration-metadata.json, or (if unset has a meaning) list it in "
                    + "ConfigurationMetadata.UNSET_BY_DEFAULT with that meaning")
            .isEmpty();
    }

    @Test
    void everyKeyListedAsUnsetExistsAndHasNoDefault() {
        ConfigurationMetadata.UNSET_BY_DEFAULT.forEach((name, reason) -> {
            assertThat(this.properties).as("listed as unset by default").containsKey(name);
            assertThat(this.properties.get(name).defaultValue()).as(name).isNull();
        });
    }

    @Test
    void everyEnumKeyHasAHintListingExactlyItsConstants() {
        int checked = 0;
        for (Property property : this.properties.values()) {
            Class<?> enumType = enumType(property.type());
            if (enumType != null) {
                assertThat(ConfigurationMetadata.hintValues(property.name()))
                    .as("value hints of %s in additional-spring-configuration-metadata.json", property.name())
                    .containsExactlyElementsOf(ConfigurationOverrides.enumValues(enumType));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theOptionNamesHintOfTheOverridesListsEveryOptionTheyAccept() {
        assertThat(ConfigurationMetadata.hintValues("hpkafka.properties.keys"))
            .as("hints of hpkafka.properties.keys in additional-spring-configuration-metadata.json")
            .containsExactlyElementsOf(ConfigurationOverrides.optionNames());
    }

    // The enum a key holds, alone or in a list; nested types are written Outer.Inner in the metadata.
    private static @Nullable Class<?> enumType(@Nullable String type) {
        if (type == null) {
            return null;
        }
        Matcher list = Pattern.compile("java\\.util\\.List<(.+)>").matcher(type);
        String element = list.matches() ? list.group(1) : type;
        for (String name = element; name.lastIndexOf('.') > 0;
                name = name.substring(0, name.lastIndexOf('.')) + "$" + name.substring(name.lastIndexOf('.') + 1)) {
            try {
                Class<?> resolved = Class.forName(name);
                return resolved.isEnum() ? resolved : null;
            }
            catch (ClassNotFoundException ex) {
                // try the next nesting
            }
        }
        return null;
    }

}
