package dev.sharebridge.domain.item;

import java.time.Instant;
import java.util.Objects;

/**
 * What a storage provider knows about one item.
 *
 * @param path the item's path relative to the provider's root
 * @param size bytes of a file; 0 for a folder
 * @param etag an opaque version tag that changes when the content changes (no quotes)
 */
public record StoredItem(ItemPath path, ItemType type, long size, Instant modifiedAt, String etag) {
    public StoredItem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(etag, "etag");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }

    public String name() {
        return path.name();
    }

    public boolean isFolder() {
        return type == ItemType.FOLDER;
    }
}
