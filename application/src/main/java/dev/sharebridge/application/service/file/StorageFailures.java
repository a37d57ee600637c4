package dev.sharebridge.application.service.file;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageFullException;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;

/**
 * Translates the storage port's failures into use-case outcomes, so that every service answers
 * them alike. Messages name the path the caller used (never the storage path, which would
 * reveal how spaces are laid out).
 */
public final class StorageFailures {
    static final String UPSTREAM_MESSAGE = "the storage is unavailable; try again later";
    static final String FULL_MESSAGE = "the storage has no room for this; nothing of it was kept";

    private StorageFailures() {
    }

    /**
     * The outcome for {@code e}; a {@link StorageRejectedException} is bad input and is thrown
     * as {@link InvalidValueException} (field {@code path}).
     */
    public static UseCaseException translate(StorageException e, ItemPath shownPath) {
        if (e instanceof ItemNotFoundException) {
            return notFound(shownPath);
        }
        if (e instanceof ItemConflictException) {
            return new ConflictException("an item of another kind is in the way at " + shownPath);
        }
        if (e instanceof StorageUnavailableException u) {
            return upstream(u);
        }
        if (e instanceof StorageFullException f) {
            return full(f);
        }
        throw InvalidValueException.withMessage(Field.PATH, e.getMessage());
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
