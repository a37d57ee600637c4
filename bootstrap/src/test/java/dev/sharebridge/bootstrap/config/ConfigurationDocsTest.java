package dev.sharebridge.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md and the keys the reader knows equal. */
class ConfigurationDocsTest {

    @Test
    void everyKeyIsDocumentedWithItsVariable() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8);

        for (Map.Entry<String, Map<String, Schema.Key>> section : Schema.SECTIONS.entrySet()) {
            assertThat(docs).contains("## `[" + section.getKey() + "]`");
            for (String key : section.getValue().keySet()) {
                String variable = "SHAREBRIDGE_" + section.getKey().toUpperCase(Locale.ROOT) + "__"
                        + key.toUpperCase(Locale.ROOT);
                assertThat(docs).contains("| `" + key + "` |").contains("`" + variable + "`");
            }
        }
    }
}
