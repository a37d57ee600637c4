package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
     * The direct children of a folder in no particular order, produced while they are read, for
     * answers that stream a big folder without holding it (WebDAV's {@code PROPFIND}). Close the
     * stream; a failure while it is read is an {@link java.io.UncheckedIOException} or another
     * unchecked exception. By default {@link #list}.
     *
     * @throws ItemNotFoundException when there is no folder at {@code path}
     */
    default Stream<StoredItem> children(ItemPath folder) throws StorageException {
        return list(folder).stream();
    }

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

    /**
     * Moves (renames) a file, or a folder with everything in it, to {@code to}, as WebDAV
     * {@code MOVE} does (RFC 4918 §9.9). No parent folders are made. With {@code overwrite}, an
     * item at {@code to} is replaced whole (a folder is not merged with the source's); without it,
     * the destination must be free. Afterwards nothing is at {@code from}.
     *
     * <p>The moved item keeps its content (a file its bytes and size, a folder its whole tree);
     * its etag may stay the same, as it is the same content. The etag of a replaced item is not
     * taken over, so a version tag a client kept for the old destination no longer matches. A move
     * that fails leaves the source where it was; whether a destination being replaced survives
     * a failure or a crash in the middle, the provider documents.
     *
     * @param overwrite whether an existing item at {@code to} is replaced ({@code Overwrite: T})
     * @return the item now at {@code to}, and whether {@code to} was free before
     * @throws ItemNotFoundException when there is nothing at {@code from}
     * @throws ItemConflictException when {@code to}'s parent is missing or is a file (WebDAV
     *         {@code 409})
     * @throws DestinationExistsException when an item is at {@code to} and {@code overwrite} is
     *         false (WebDAV {@code 412})
     * @throws StorageRejectedException for what {@link TransferPaths#check} refuses (the root on
     *         either side, {@code from} equal to {@code to}, a folder into itself or below, with
     *         {@code overwrite} a folder replaced by an item inside it), before anything is
     *         looked at; or for a destination name the storage cannot hold
     * @throws StorageFullException when the storage has no room (a move that has to copy, a quota)
     * @throws StorageUnavailableException when the storage cannot be reached or fails
     */
    TransferResult move(ItemPath from, ItemPath to, boolean overwrite) throws StorageException;

    /**
     * Copies a file, or a folder with everything in it, to {@code to}, as WebDAV {@code COPY}
     * with {@code Depth: infinity} does (RFC 4918 §9.8). Same rules as {@link #move} for the
     * paths, the destination and the failures; the source stays as it is, etag included.
     *
     * <p>The copy is a new item: the same bytes and sizes, its own etags (never the etag the
     * replaced destination had) and a modification time of the provider's choosing. Changing the
     * copy later never changes the source. Readers of the destination see the old item or the
     * whole copy of a file, never a part; a folder copy may be visible before it is complete only
     * where the provider says so.
     *
     * @param overwrite whether an existing item at {@code to} is replaced ({@code Overwrite: T})
     * @return the copy now at {@code to}, and whether {@code to} was free before
     * @throws ItemNotFoundException when there is nothing at {@code from}
     * @throws ItemConflictException when {@code to}'s parent is missing or is a file
     * @throws DestinationExistsException when an item is at {@code to} and {@code overwrite} is false
     * @throws StorageRejectedException as for {@link #move}
     * @throws StorageFullException when the storage has no room for the copy
     * @throws StorageUnavailableException when the storage cannot be reached or fails
     */
    TransferResult copy(ItemPath from, ItemPath to, boolean overwrite) throws StorageException;

    /** Native public links, for providers that have them (NextCloud); empty otherwise. */
    default Optional<PublicLinkCapability> publicLinks() {
        return Optional.empty();
    }

    /** Checks that the provider answers; used by health checks. */
    default void ping() throws StorageException {
        stat(ItemPath.root());
    }
}
