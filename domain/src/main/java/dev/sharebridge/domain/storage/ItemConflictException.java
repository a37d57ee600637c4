package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.ItemPath;

/**
 * The operation conflicts with what exists: writing a file where a folder is, making a folder
 * where a file is, or a parent on the way that is a file. For a move or copy: the destination's
 * parent is missing or is a file (those make no parents, as WebDAV's {@code 409 Conflict} asks,
 * RFC 4918 §9.8.5 and §9.9.4).
 */
public final class ItemConflictException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ItemConflictException(ItemPath path, String why) {
        super("conflict at " + path + ": " + why, null);
    }
}
