package dev.sharebridge.application.port.out.upload;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.upload.UploadId;
import java.time.Instant;
import java.util.Objects;

/**
 * An upload in progress as it is stored.
 *
 * @param target where the file goes when complete: a path of the owner's space, or below a link's item
 * @param length the size the client announced ({@code Upload-Length})
 * @param offset how many bytes are durably kept: synced to disk before it was stored. It reaches
 *     {@code length} only together with the file being in place (the row is then gone), so while a
 *     row exists it is below {@code length}, except for an upload of 0 bytes.
 * @param metadata the client's {@code Upload-Metadata}, as sent (given back by {@code HEAD})
 */
public record PendingUpload(
        UploadId id,
        UploadOwner owner,
        ItemPath target,
        long length,
        long offset,
        String metadata,
        Instant createdAt,
        Instant expiresAt) {
    public PendingUpload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (length < 0 || offset < 0 || offset > length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length + " do not fit");
        }
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public PendingUpload withProgress(long newOffset, Instant newExpiry) {
        return new PendingUpload(id, owner, target, length, newOffset, metadata, createdAt, newExpiry);
    }
}
