package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.ItemPath;

/**
 * The rules of {@link StorageProvider#move} and {@link StorageProvider#copy} that depend on the
 * two paths alone, written once so that every provider refuses the same requests before it
 * looks at anything stored.
 */
public final class TransferPaths {
    private TransferPaths() {}

    /**
     * Refuses what no storage could do sensibly: moving or copying the root, replacing the root,
     * an item onto itself, a folder into itself or below, and (with {@code overwrite}) replacing a
     * folder that holds the source, which would delete the source first.
     *
     * @param operation {@code "move"} or {@code "copy"}, for the message
     * @throws StorageRejectedException for any of these, with a message safe to show
     */
    public static void check(String operation, ItemPath from, ItemPath to, boolean overwrite)
            throws StorageRejectedException {
        if (from.isRoot()) {
            throw new StorageRejectedException("the root folder cannot be the source of a " + operation);
        }
        if (to.isRoot()) {
            throw new StorageRejectedException("the root folder cannot be replaced");
        }
        if (from.equals(to)) {
            throw new StorageRejectedException("the source and the destination of a " + operation + " are the same");
        }
        if (to.startsWith(from)) {
            throw new StorageRejectedException("a folder cannot be put into itself");
        }
        if (overwrite && from.startsWith(to)) {
            throw new StorageRejectedException("a folder cannot be replaced by an item inside it");
        }
    }
}
