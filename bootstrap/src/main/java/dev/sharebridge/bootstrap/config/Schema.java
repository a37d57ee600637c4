package dev.sharebridge.bootstrap.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every section and key the configuration knows, with the TOML type each one takes. */
final class Schema {

    enum Kind {
        STRING,
        INTEGER,
        STRING_LIST
    }

    /** @param optional an empty environment value unsets the key instead of being a value */
    record Key(Kind kind, boolean optional) {}

    static final Map<String, Map<String, Key>> SECTIONS = build();

    private Schema() {}

    private static Map<String, Map<String, Key>> build() {
        Map<String, Map<String, Key>> sections = new LinkedHashMap<>();
        sections.put(
                "server",
                keys(
                        "bind",
                        string(),
                        "port",
                        integer(),
                        "public_url",
                        optionalString(),
                        "data_dir",
                        string(),
                        "idle_timeout_s",
                        integer(),
                        "body_timeout_s",
                        integer(),
                        "min_body_bytes_per_s",
                        integer(),
                        "max_requests_per_client",
                        integer(),
                        "max_body_requests",
                        integer()));
        sections.put("database", keys("url", string(), "username", string(), "password", string()));
        sections.put(
                "storage",
                keys(
                        "provider",
                        string(),
                        "root",
                        string(),
                        "url",
                        string(),
                        "username",
                        string(),
                        "password",
                        string(),
                        "directory",
                        string()));
        sections.put(
                "shared_folder",
                keys(
                        "provider",
                        string(),
                        "url",
                        string(),
                        "username",
                        string(),
                        "password",
                        string(),
                        "directory",
                        string(),
                        "expiry",
                        new Key(Kind.INTEGER, true)));
        sections.put(
                "security",
                keys(
                        "bcrypt_cost",
                        integer(),
                        "secret_key",
                        optionalString(),
                        "secret_key_file",
                        optionalString(),
                        "previous_secret_keys",
                        new Key(Kind.STRING_LIST, false),
                        "trusted_proxies",
                        new Key(Kind.STRING_LIST, false),
                        "grant_ttl_seconds",
                        integer(),
                        "visit_ttl_seconds",
                        integer(),
                        "verify_failures_per_client",
                        integer(),
                        "verify_window_seconds",
                        integer(),
                        "verify_failures_per_token",
                        integer(),
                        "hashing_slots",
                        integer(),
                        "not_found_per_client",
                        integer(),
                        "not_found_window_seconds",
                        integer(),
                        "verify_delay_ms",
                        integer(),
                        "verify_delay_max_ms",
                        integer()));
        sections.put("limits", keys("max_json_bytes", integer(), "user_quota_mib", integer()));
        sections.put("cache", keys("shares_ms", integer(), "files_ms", integer()));
        sections.put(
                "uploads", keys("max_size_mib", integer(), "expiry_hours", integer(), "directory", optionalString()));
        return Map.copyOf(sections);
    }

    private static Key string() {
        return new Key(Kind.STRING, false);
    }

    private static Key optionalString() {
        return new Key(Kind.STRING, true);
    }

    private static Key integer() {
        return new Key(Kind.INTEGER, false);
    }

    private static Map<String, Key> keys(Object... pairs) {
        Map<String, Key> keys = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put((String) pairs[i], (Key) pairs[i + 1]);
        }
        return Map.copyOf(keys);
    }

    static String sectionNames() {
        return "server, database, storage, shared_folder, security, limits, cache, uploads";
    }
}
