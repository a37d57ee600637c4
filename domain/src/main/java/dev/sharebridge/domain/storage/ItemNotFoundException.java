package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.ItemPath;

/** The item (or, for a listing, the folder) does not exist, or is not of the kind asked for. */
public final class ItemNotFoundException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ItemNotFoundException(ItemPath path) {
        super("no such item: " + path, null);
    }
}
