package io.hpkafka.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docs/configuration.md} is what {@link ConfigurationDocs} renders from the metadata, so it cannot drift from
 * the code. With {@code -Dhpkafka.docs.write=true} the test rewrites the file instead of failing.
 */
class HpKafkaConfigurationDocsTests {

    @Test
    void theConfigurationDocumentMatchesTheMetadata() throws Exception {
        Path file = ConfigurationDocs.file();
        String expected = ConfigurationDocs.render();
        if (Boolean.getBoolean("hpkafka.docs.write")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            fail(file + " is out of date with the configuration metadata; regenerate it with\n  "
                    + ConfigurationDocs.REGENERATE + "\n" + firstDifference(actual, expected));
        }
    }

    @Test
    void theDocumentListsEveryKeyOnce() {
        String rendered = ConfigurationDocs.render();
        ConfigurationMetadata.properties().keySet().forEach((name) -> assertThat(rendered)
            .as(name).containsOnlyOnce("| `" + name + "` |"));
    }

    private static String firstDifference(String actual, String expected) {
        List<String> actualLines = actual.lines().toList();
        List<String> expectedLines = expected.lines().toList();
        for (int i = 0; i < Math.max(actualLines.size(), expectedLines.size()); i++) {
            String was = (i < actualLines.size()) ? actualLines.get(i) : "<end of file>";
            String wanted = (i < expectedLines.size()) ? expectedLines.get(i) : "<end of file>";
            if (!was.equals(wanted)) {
                return "first difference at line " + (i + 1) + ":\n- " + was + "\n+ " + wanted;
            }
        }
        return "the files differ in line endings";
    }

}
