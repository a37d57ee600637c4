package dev.sharebridge.bootstrap.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code [cache]} section: how long a link's row ({@code shares}) and a local item's metadata
 * ({@code files}) may be reused for requests after the one that read them. Changes made through
 * this server are seen at once either way; the durations bound how late changes made elsewhere
 * (another server on the database, the CLI, programs writing into the storage folder) are seen.
 */
public record CacheConfig(Duration shares, Duration files) {
    public CacheConfig {
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(files, "files");
        if (shares.isNegative() || files.isNegative()) {
            throw new IllegalArgumentException("cache durations must not be negative");
        }
    }
}
