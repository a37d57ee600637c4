package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.StoredItem;
import java.util.Objects;

/**
 * The outcome of a {@link StorageProvider#move} or {@link StorageProvider#copy}: the item now at
 * the destination, and whether the destination was new or an item there was replaced (which
 * WebDAV tells apart: {@code 201 Created} or {@code 204 No Content}).
 */
public record TransferResult(StoredItem item, boolean created) {
    public TransferResult {
        Objects.requireNonNull(item, "item");
    }
}
