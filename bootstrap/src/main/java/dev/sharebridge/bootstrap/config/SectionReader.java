package dev.sharebridge.bootstrap.config;

import java.util.List;
import java.util.Optional;

/**
 * Typed access to one section's raw values, with defaults, reporting each bad value at the line
 * (or variable) that set it. A bad value yields the default so that checking can go on.
 */
final class SectionReader {
    private final String name;
    private final RawSettings.Section section;
    private final Problems problems;
    private final Origin fallback;
    private final KeyDefaults defaults;

    SectionReader(String name, RawSettings.Section section, Problems problems, Origin fallback, KeyDefaults defaults) {
        this.name = name;
        this.section = section;
        this.problems = problems;
        this.fallback = fallback;
        this.defaults = defaults;
    }

    boolean has(String key) {
        return section.get(key).isPresent();
    }

    Optional<String> optionalString(String key) {
        return section.get(key).map(v -> (String) v.value());
    }

    String string(String key, String defaultValue) {
        defaults.string(name, key, defaultValue);
        return optionalString(key).orElse(defaultValue);
    }

    /** A string that must be set and not blank. */
    Optional<String> required(String key, String why) {
        Optional<String> value = optionalString(key);
        if (value.isEmpty()) {
            error(key, "required " + why);
            return Optional.empty();
        }
        if (value.get().isBlank()) {
            error(key, "must not be empty");
            return Optional.empty();
        }
        return value;
    }

    Optional<Long> optionalInteger(String key) {
        return section.get(key).map(v -> (Long) v.value());
    }

    int integer(String key, int defaultValue, int min, int max) {
        defaults.integer(name, key, defaultValue, min, max);
        return boundedInteger(key, min, max).orElse(defaultValue);
    }

    Optional<Integer> boundedInteger(String key, int min, int max) {
        Optional<Long> value = optionalInteger(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        long v = value.get();
        if (v < min || v > max) {
            error(key, "must be between " + min + " and " + max + " (is " + v + ")");
            return Optional.empty();
        }
        return Optional.of((int) v);
    }

    @SuppressWarnings("unchecked")
    List<String> stringList(String key) {
        return section.get(key).map(v -> (List<String>) v.value()).orElse(List.of());
    }

    /** Reports a problem with {@code key}, at the line that set it, else at the section. */
    void error(String key, String message) {
        problems.add(originOf(key), name, key, message);
    }

    /** Reports that {@code key} is set although the section's provider does not use it. */
    void notUsed(String key, String because) {
        if (has(key)) {
            error(key, "not used " + because);
        }
    }

    Origin originOf(String key) {
        return section.get(key)
                .map(RawSettings.Value::origin)
                .or(section::header)
                .or(() -> section.get("provider").map(RawSettings.Value::origin))
                .orElse(fallback);
    }

    Origin sectionOrigin() {
        return section.header().orElse(fallback);
    }
}
