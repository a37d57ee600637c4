package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.ItemPath;

/**
 * A move or copy without overwrite found an item at its destination, and left both as they were.
 * Its own type because WebDAV answers it differently from every other conflict
 * ({@code 412 Precondition Failed} for {@code Overwrite: F}, RFC 4918 §9.8.5 and §9.9.4).
 */
public final class DestinationExistsException extends StorageException {
    private static final long serialVersionUID = 1L;

    public DestinationExistsException(ItemPath destination) {
        super("an item is already at " + destination, null);
    }
}
