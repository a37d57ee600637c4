package dev.sharebridge.bootstrap.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default and the allowed range of every key, noted as the binder applies them, so that the
 * documented table (docs/configuration.md) can be held to the values really used.
 */
final class KeyDefaults {
    /** One key of one section. */
    record Key(String section, String key) {}

    /**
     * @param literal the default as it is written in TOML ({@code 8080}, {@code "local"})
     * @param range for integers, {@code min–max} as the documentation writes it
     */
    record Rule(String literal, Optional<String> range) {}

    private final Map<Key, Rule> rules = new LinkedHashMap<>();

    void string(String section, String key, String defaultValue) {
        rules.putIfAbsent(new Key(section, key), new Rule('"' + defaultValue + '"', Optional.empty()));
    }

    void integer(String section, String key, int defaultValue, int min, int max) {
        rules.putIfAbsent(
                new Key(section, key), new Rule(Integer.toString(defaultValue), Optional.of(min + "\u2013" + max)));
    }

    Map<Key, Rule> rules() {
        return Collections.unmodifiableMap(rules);
    }
}
