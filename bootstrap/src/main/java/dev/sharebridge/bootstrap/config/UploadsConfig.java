package dev.sharebridge.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code [uploads]} section: resumable (tus) uploads.
 *
 * @param maxBytes the largest upload accepted ({@code max_size_mib})
 * @param expiry how long an unfinished upload is kept after its last chunk ({@code expiry_hours})
 * @param directory where the partial files are ({@code directory}, default {@code <data_dir>/uploads})
 */
public record UploadsConfig(long maxBytes, Duration expiry, Path directory) {
    public UploadsConfig {
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(directory, "directory");
    }
}
