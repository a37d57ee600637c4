package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.port.out.preview.Thumbnail;
import dev.sharebridge.domain.item.StoredItem;
import java.util.Objects;

/**
 * A file's thumbnail and the version of the file it was made of.
 *
 * @param item the file as it was read (path as the caller sees it); its etag and size identify the thumbnail
 */
public record ItemThumbnail(StoredItem item, Thumbnail thumbnail) {
    public ItemThumbnail {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(thumbnail, "thumbnail");
    }
}
