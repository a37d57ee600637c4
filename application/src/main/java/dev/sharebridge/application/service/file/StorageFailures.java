package dev.sharebridge.application.service.file;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.DestinationExistsException;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageFullException;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.util.Optional;

/**
 * Translates the storage port's failures into use-case outcomes, so that every service answers
 * them alike. Messages name the path the caller used (never the storage path, which would
 * reveal how spaces are laid out).
 */
public final class StorageFailures {
    static final String UPSTREAM_MESSAGE = "the storage is unavailable; try again later";
    static final String FULL_MESSAGE = "the storage has no room for this; nothing of it was kept";

    private StorageFailures() {}

    /**
     * Throws the outcome of a failed stat, list or read. By the port's contract these fail only
     * with a missing item, an unavailable storage or a rejected name; a storage that answers a
     * read with a conflict or "full" anyway is failing, and is reported as unavailable.
     *
     * @return the outcome of a rejected name, which is bad input ({@link InvalidValueException},
     *     field {@code path}), for the caller to throw
     */
    public static InvalidValueException ofRead(StorageException e, ItemPath shownPath)
            throws NotFoundException, UpstreamUnavailableException {
        if (e instanceof ItemNotFoundException) {
            throw notFound(shownPath);
        }
        if (e instanceof StorageUnavailableException u) {
            throw upstream(u);
        }
        if (e instanceof StorageRejectedException) {
            return rejected(e);
        }
        throw new UpstreamUnavailableException(UPSTREAM_MESSAGE, e, Optional.empty());
    }

    /**
     * Throws the outcome of a failed write, make-folder or delete: anything the storage port
     * reports (a delete may also run out of room, on file systems that write to delete).
     *
     * @return the outcome of a rejected name, which is bad input ({@link InvalidValueException},
     *     field {@code path}), for the caller to throw
     */
    public static InvalidValueException ofWrite(StorageException e, ItemPath shownPath)
            throws NotFoundException, ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        if (e instanceof ItemConflictException) {
            throw new ConflictException("an item of another kind is in the way at " + shownPath);
        }
        if (e instanceof DestinationExistsException) {
            throw new ConflictException("an item is already at " + shownPath);
        }
        if (e instanceof StorageFullException f) {
            throw full(f);
        }
        return ofRead(e, shownPath);
    }

    private static InvalidValueException rejected(StorageException e) {
        return InvalidValueException.withMessage(Field.PATH, e.getMessage());
    }

    public static NotFoundException notFound(ItemPath shownPath) {
        return new NotFoundException("no such item: " + shownPath);
    }

    public static UpstreamUnavailableException upstream(StorageUnavailableException e) {
        return new UpstreamUnavailableException(UPSTREAM_MESSAGE, e, e.retryAfter());
    }

    /** The storage's own message names the disk or account; the caller is only told there is no room. */
    public static InsufficientStorageException full(StorageFullException e) {
        return new InsufficientStorageException(FULL_MESSAGE, e);
    }
}
