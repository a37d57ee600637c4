package dev.sharebridge.bootstrap.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of one Sharebridge server: the TOML file (if any) with the
 * {@code SHAREBRIDGE_<SECTION>__<KEY>} environment variables applied over it and every default
 * filled in. Without a file it describes the embedded default (H2 and local files under
 * {@code ./data}, HTTP on 127.0.0.1:8080). Every key is documented in docs/configuration.md.
 *
 * @param file the TOML file it was read from, if any
 */
public record SharebridgeConfig(
        Optional<Path> file,
        ServerConfig server,
        DatabaseConfig database,
        StorageConfig storage,
        SharedFolderConfig sharedFolder,
        SecurityConfig security,
        LimitsConfig limits,
        CacheConfig cache,
        UploadsConfig uploads) {

    /** The environment variable that names the config file when {@code --config} is not given. */
    public static final String CONFIG_FILE_VARIABLE = RawSettings.CONFIG_FILE_VARIABLE;

    public SharebridgeConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(sharedFolder, "sharedFolder");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(uploads, "uploads");
    }

    /**
     * Reads {@code file} (when present) and applies {@code environment} over it.
     *
     * @throws ConfigException listing every problem found, each with its file line or variable
     */
    public static SharebridgeConfig load(Optional<Path> file, Map<String, String> environment) throws ConfigException {
        Optional<RawSettings.NamedSource> source = Optional.empty();
        if (file.isPresent()) {
            source = Optional.of(new RawSettings.NamedSource(file.get().toString(), read(file.get())));
        }
        return bind(file, source, environment);
    }

    /** Like {@link #load} for a TOML text held in memory; {@code name} prefixes its messages. */
    public static SharebridgeConfig parse(String name, String toml, Map<String, String> environment)
            throws ConfigException {
        return bind(Optional.empty(), Optional.of(new RawSettings.NamedSource(name, toml)), environment);
    }

    /** The embedded default: no file, no environment. */
    public static SharebridgeConfig defaults() {
        try {
            return bind(Optional.empty(), Optional.empty(), Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults must be valid", e);
        }
    }

    /**
     * Where the server key lives when {@code [security] secret_key} is not set:
     * {@code secret_key_file}, else {@code <data_dir>/secret.key} (created on first use).
     */
    public Path secretKeyFile() {
        return security.secretKeyFile().orElse(server.dataDir().resolve("secret.key"));
    }

    private static SharebridgeConfig bind(
            Optional<Path> file, Optional<RawSettings.NamedSource> source, Map<String, String> environment)
            throws ConfigException {
        Problems problems = new Problems();
        RawSettings raw = RawSettings.read(source, environment, problems);
        Origin fallback = Origin.file(source.map(RawSettings.NamedSource::name).orElse("configuration"), 0);
        SharebridgeConfig config = ConfigBinder.bind(file, raw, problems, fallback);
        problems.throwIfAny();
        return config;
    }

    private static String read(Path file) throws ConfigException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(file + ": not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())));
        }
    }
}
