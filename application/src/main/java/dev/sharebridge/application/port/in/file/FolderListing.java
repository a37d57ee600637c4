package dev.sharebridge.application.port.in.file;

import dev.sharebridge.domain.item.StoredItem;
import java.util.List;

/**
 * A folder and its direct children, sorted by name. Paths are relative to the space the caller
 * sees (the user's space, or a share's root).
 */
public record FolderListing(StoredItem folder, List<StoredItem> children) {
    public FolderListing {
        children = List.copyOf(children);
    }
}
