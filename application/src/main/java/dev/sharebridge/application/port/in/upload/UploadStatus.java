package dev.sharebridge.application.port.in.upload;

import dev.sharebridge.domain.upload.UploadId;
import java.time.Instant;
import java.util.Objects;

/**
 * An upload as a client sees it.
 *
 * @param offset the bytes kept so far, all of them on disk; equal to {@code length} only once the
 *     file is in its place
 * @param expiresAt when an unfinished upload is given up (each accepted chunk moves it on)
 */
public record UploadStatus(UploadId id, long length, long offset, String metadata, Instant expiresAt) {
    public UploadStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isComplete() {
        return offset == length;
    }
}
