package dev.sharebridge.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.adapter.http.javalin.AnswerDelays;
import dev.sharebridge.application.service.share.ShareSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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

    /**
     * Every default and range in the tables is the one the binder applies: each comes from one
     * place in the code, and the documentation repeats it exactly.
     */
    @Test
    void everyDocumentedDefaultAndRangeIsTheOneApplied() throws IOException {
        Map<KeyDefaults.Key, List<String>> rows =
                tableRows(Files.readString(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8));
        Map<KeyDefaults.Key, KeyDefaults.Rule> applied =
                ConfigBinder.builtInDefaults().rules();

        assertThat(applied).hasSizeGreaterThan(20);
        applied.forEach((key, rule) -> {
            List<String> cells = rows.get(key);
            assertThat(cells).as("a row for %s", key).isNotNull();
            assertThat(cells.get(2)).as("the default of %s", key).contains("`" + rule.literal() + "`");
            rule.range()
                    .ifPresent(range ->
                            assertThat(cells.get(1)).as("the range of %s", key).contains(range));
        });
    }

    /** An embedding application that takes the application's defaults is throttled as the server is. */
    @Test
    void theServersDefaultsAreTheApplicationsDefaults() {
        String url = "https://share.example.org";

        assertThat(SharebridgeConfig.defaults().security().shareSettings(url)).isEqualTo(ShareSettings.defaults(url));
    }

    /** The server holds answers back as the HTTP API does by default. */
    @Test
    void theServersAnswerDelaysAreTheHttpApisDefaults() {
        assertThat(SharebridgeConfig.defaults().security().answerDelays()).isEqualTo(AnswerDelays.DEFAULTS);
    }

    /** The cells of each table row, by section ({@code ## `[server]`}) and key. */
    private static Map<KeyDefaults.Key, List<String>> tableRows(String docs) {
        Map<KeyDefaults.Key, List<String>> rows = new HashMap<>();
        String section = null;
        for (String line : docs.lines().toList()) {
            if (line.startsWith("## `[")) {
                section = line.substring("## `[".length(), line.indexOf("]`"));
            } else if (section != null && line.startsWith("| `")) {
                List<String> cells = List.of(line.substring(1).split("(?<!\\\\)\\|", -1)).stream()
                        .map(String::trim)
                        .toList();
                String key = cells.get(0).replace("`", "");
                rows.put(new KeyDefaults.Key(section, key), cells);
            }
        }
        return rows;
    }
}
