package dev.sharebridge.bootstrap.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * The settings as written, before any meaning is given to them: the TOML file's values with
 * their lines, overlaid by {@code SHAREBRIDGE_<SECTION>__<KEY>} environment variables. Only the
 * shape is checked here (known section, known key, right TOML type).
 */
final class RawSettings {
    static final String ENV_PREFIX = "SHAREBRIDGE_";
    /** Names the config file; not a setting, so it has no {@code __}. */
    static final String CONFIG_FILE_VARIABLE = "SHAREBRIDGE_CONFIG";

    /** A value (String, Long or List of String) and where it was set. */
    record Value(Object value, Origin origin) {}

    /** A section: where its header is (if written) and its values by key. */
    static final class Section {
        private Origin header;
        private final Map<String, Value> values = new HashMap<>();

        Optional<Origin> header() {
            return Optional.ofNullable(header);
        }

        Optional<Value> get(String key) {
            return Optional.ofNullable(values.get(key));
        }
    }

    private final Map<String, Section> sections = new HashMap<>();

    private RawSettings() {
        for (String name : Schema.SECTIONS.keySet()) {
            sections.put(name, new Section());
        }
    }

    Section section(String name) {
        return sections.get(name);
    }

    static RawSettings read(Optional<NamedSource> file, Map<String, String> environment, Problems problems) {
        RawSettings settings = new RawSettings();
        file.ifPresent(source -> settings.readToml(source, problems));
        settings.readEnvironment(environment, problems);
        return settings;
    }

    /** A TOML text and the name to report its lines under. */
    record NamedSource(String name, String text) {}

    private void readToml(NamedSource source, Problems problems) {
        TomlParseResult toml = Toml.parse(source.text());
        if (toml.hasErrors()) {
            for (TomlParseError error : toml.errors()) {
                problems.addRaw(at(source, error.position()), "syntax error: " + error.getMessage());
            }
            return;
        }
        for (String name : toml.keySet()) {
            Origin origin = at(source, toml.inputPositionOf(List.of(name)));
            Map<String, Schema.Key> keys = Schema.SECTIONS.get(name);
            Object value = toml.get(List.of(name));
            if (!(value instanceof TomlTable)) {
                problems.addRaw(origin, name + ": unknown key (settings belong in a section such as [server])");
                continue;
            }
            if (keys == null) {
                problems.add(origin, name, null, "unknown section (known: " + Schema.sectionNames() + ")");
                continue;
            }
            TomlTable table = (TomlTable) value;
            Section section = sections.get(name);
            section.header = origin;
            for (String key : table.keySet()) {
                Origin keyOrigin = at(source, table.inputPositionOf(List.of(key)));
                Schema.Key spec = keys.get(key);
                if (spec == null) {
                    problems.add(keyOrigin, name, key, "unknown key");
                    continue;
                }
                Object raw = table.get(List.of(key));
                Optional<Object> typed = fromToml(spec.kind(), raw);
                if (typed.isEmpty()) {
                    problems.add(keyOrigin, name, key, "must be " + describe(spec.kind()));
                } else {
                    section.values.put(key, new Value(typed.get(), keyOrigin));
                }
            }
        }
    }

    private static Optional<Object> fromToml(Schema.Kind kind, Object raw) {
        switch (kind) {
            case STRING:
                return raw instanceof String ? Optional.of(raw) : Optional.empty();
            case INTEGER:
                return raw instanceof Long ? Optional.of(raw) : Optional.empty();
            case STRING_LIST:
                if (!(raw instanceof TomlArray)) {
                    return Optional.empty();
                }
                List<String> strings = new ArrayList<>();
                for (Object element : ((TomlArray) raw).toList()) {
                    if (!(element instanceof String)) {
                        return Optional.empty();
                    }
                    strings.add((String) element);
                }
                return Optional.of(List.copyOf(strings));
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private void readEnvironment(Map<String, String> environment, Problems problems) {
        // Sorted so that messages come in a stable order.
        for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
            String variable = entry.getKey();
            if (!variable.startsWith(ENV_PREFIX) || variable.equals(CONFIG_FILE_VARIABLE)) {
                continue;
            }
            Origin origin = Origin.variable(variable);
            String[] parts = variable.substring(ENV_PREFIX.length()).split("__", -1);
            String sectionName = parts.length == 2 ? parts[0].toLowerCase(Locale.ROOT) : "";
            String key = parts.length == 2 ? parts[1].toLowerCase(Locale.ROOT) : "";
            Map<String, Schema.Key> keys = Schema.SECTIONS.get(sectionName);
            Schema.Key spec = keys == null ? null : keys.get(key);
            if (spec == null) {
                problems.addRaw(
                        origin,
                        "unknown setting (the form is SHAREBRIDGE_<SECTION>__<KEY>,"
                                + " with two underscores, for a key listed in docs/configuration.md)");
                continue;
            }
            Section section = sections.get(sectionName);
            String text = entry.getValue();
            if (text.isEmpty() && spec.optional()) {
                section.values.remove(key);
                continue;
            }
            Optional<Object> typed = fromText(spec.kind(), text);
            if (typed.isEmpty()) {
                problems.add(origin, sectionName, key, "must be " + describe(spec.kind()));
                section.values.remove(key);
            } else {
                section.values.put(key, new Value(typed.get(), origin));
            }
        }
    }

    private static Optional<Object> fromText(Schema.Kind kind, String text) {
        switch (kind) {
            case STRING:
                return Optional.of(text);
            case INTEGER:
                try {
                    return Optional.of(Long.parseLong(text.trim()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            case STRING_LIST:
                List<String> items = new ArrayList<>();
                for (String item : text.split(",", -1)) {
                    if (!item.isBlank()) {
                        items.add(item.trim());
                    }
                }
                return Optional.of(List.copyOf(items));
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static String describe(Schema.Kind kind) {
        switch (kind) {
            case STRING:
                return "a string";
            case INTEGER:
                return "an integer";
            case STRING_LIST:
                return "a list of strings";
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static Origin at(NamedSource source, TomlPosition position) {
        return Origin.file(source.name(), position == null ? 0 : position.line());
    }
}
