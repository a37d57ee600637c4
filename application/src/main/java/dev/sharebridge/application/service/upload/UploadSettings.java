package dev.sharebridge.application.service.upload;

import java.time.Duration;
import java.util.Objects;

/**
 * The server's rules for resumable uploads ({@code [uploads]} in docs/configuration.md).
 *
 * @param maxBytes the largest upload the server accepts, whatever the quotas say
 * @param expiry how long an unfinished upload is kept after its creation or its last chunk
 */
public record UploadSettings(long maxBytes, Duration expiry) {
    /** 10 GiB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024 * 1024;

    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);

    public static final UploadSettings DEFAULTS = new UploadSettings(DEFAULT_MAX_BYTES, DEFAULT_EXPIRY);

    public UploadSettings {
        Objects.requireNonNull(expiry, "expiry");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative");
        }
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive");
        }
    }
}
