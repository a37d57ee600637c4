package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.ItemPath;

/**
 * The operation conflicts with what exists: writing a file where a folder is, making a folder
 * where a file is, or a parent on the way that is a file.
 */
public final class ItemConflictException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ItemConflictException(ItemPath path, String why) {
        super("conflict at " + path + ": " + why, null);
    }
}
