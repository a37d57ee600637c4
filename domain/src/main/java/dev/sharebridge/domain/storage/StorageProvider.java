package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where items live: a local directory, a NextCloud account, anything with folders and files.
 *
 * <p>Every path is relative to the provider's own root and can never leave it. Implementations
 * stream content both ways (no whole file in memory) and are safe for concurrent use. A write
 * is atomic for readers: they see the old content or the new, never a part.
 */
public interface StorageProvider {

    /** The item at {@code path}, or empty when there is none. The root always exists. */
    Optional<StoredItem> stat(ItemPath path) throws StorageException;

    /**
     * The direct children of a folder, sorted by name ({@link String#compareTo}, case-sensitive).
     *
     * @throws ItemNotFoundException when there is no folder at {@code path}
     */
    List<StoredItem> list(ItemPath folder) throws StorageException;

    /**
     * Opens a file for reading, all of it or one range (already checked against its size).
     *
     * @throws ItemNotFoundException when there is no file at {@code path}
     */
    ItemContent read(ItemPath file, Optional<ByteRange> range) throws StorageException;

    /**
     * Writes a file from a stream, creating missing parent folders; replaces an existing file.
     * When the stream fails midway, nothing of the new content remains and the old file (if
     * any) is unchanged.
     *
     * @throws ItemConflictException when a folder exists at {@code path} or a parent is a file
     * @throws StorageFullException when the storage has no room for it (a full disk, a quota); the
     *         old file (if any) is unchanged and nothing of the new content remains
     */
    WriteResult write(ItemPath file, InputStream content) throws StorageException;

    /**
     * Makes a folder and its missing parents.
     *
     * @return true when it was created, false when it already existed
     * @throws ItemConflictException when a file is in the way
     * @throws StorageFullException when the storage has no room for another folder
     */
    boolean makeFolder(ItemPath folder) throws StorageException;

    /**
     * Deletes a file, or a folder with everything in it. The root cannot be deleted.
     *
     * @return true when something was deleted, false when nothing was there
     * @throws StorageRejectedException when {@code path} is the root, which cannot be deleted
     */
    boolean delete(ItemPath path) throws StorageException;

    /** Native public links, for providers that have them (NextCloud); empty otherwise. */
    default Optional<PublicLinkCapability> publicLinks() {
        return Optional.empty();
    }

    /** Checks that the provider answers; used by health checks. */
    default void ping() throws StorageException {
        stat(ItemPath.root());
    }
}
