package dev.sharebridge.application.service.file;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.user.UserId;

/**
 * The one place that knows where a user's space lives in the files storage: the folder
 * {@code /users/<user id>}. User ids can never be {@code .} or {@code ..}, so spaces never overlap.
 */
public final class UserSpaces {
    private static final ItemPath USERS = ItemPath.of("users");

    private UserSpaces() {}

    /** The folder holding the user's space, relative to the storage root. */
    public static ItemPath root(UserId user) {
        return USERS.resolve(user.value());
    }

    /** A path of the user's space as a path of the storage. */
    public static ItemPath toStorage(UserId user, ItemPath inSpace) {
        return root(user).resolve(inSpace);
    }

    /** A storage path below the user's space as a path of that space. */
    public static ItemPath toSpace(UserId user, ItemPath inStorage) {
        return inStorage.relativeTo(root(user));
    }

    /** The item with its path translated back into the user's space. */
    public static StoredItem toSpace(UserId user, StoredItem inStorage) {
        return relocate(inStorage, toSpace(user, inStorage.path()));
    }

    /** The same item under another path (for presenting storage items relative to some root). */
    public static StoredItem relocate(StoredItem item, ItemPath path) {
        return new StoredItem(path, item.type(), item.size(), item.modifiedAt(), item.etag());
    }
}
