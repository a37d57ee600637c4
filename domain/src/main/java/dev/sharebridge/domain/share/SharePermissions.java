package dev.sharebridge.domain.share;

import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;

/**
 * What holders of a link may do. {@code read} lists and downloads; {@code write} uploads (and,
 * with read, overwrites, makes folders and deletes); {@code reshare} makes derived links.
 * {@code write} without {@code read} is a file drop. A link must allow read or write.
 */
public record SharePermissions(boolean read, boolean write, boolean reshare) {
    public static final SharePermissions DEFAULT = new SharePermissions(true, false, false);
    public static final SharePermissions READ_ONLY = DEFAULT;
    public static final SharePermissions READ_WRITE = new SharePermissions(true, true, false);

    public SharePermissions {
        if (!read && !write) {
            throw new InvalidValueException(
                    Field.PERMISSIONS, "a share needs at least the read or the write permission");
        }
    }

    public boolean isFileDrop() {
        return write && !read;
    }

    /** True when every permission of {@code other} is also one of these. */
    public boolean includes(SharePermissions other) {
        return (read || !other.read) && (write || !other.write) && (reshare || !other.reshare);
    }
}
