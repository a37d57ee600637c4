package dev.sharebridge.application.port.in.upload;

import dev.sharebridge.domain.item.ItemPath;
import java.util.Objects;

/**
 * What a client asks for when it begins an upload.
 *
 * @param target where the file goes (a path of the owner's space, or below a link's item)
 * @param length its size in bytes, known from the start
 * @param metadata the client's {@code Upload-Metadata} as sent, kept for {@code HEAD}
 */
public record NewUpload(ItemPath target, long length, String metadata) {
    public NewUpload {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metadata, "metadata");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
    }
}
