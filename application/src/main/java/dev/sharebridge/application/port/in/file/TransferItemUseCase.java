package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PreconditionFailedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.user.UserId;

/**
 * Moves (renames) or copies a file, or a folder with everything in it, within the caller's space,
 * as WebDAV {@code MOVE} and {@code COPY} do. No parent folders are made.
 *
 * <p>An item replaced at the destination ({@code overwrite}) is deleted as {@link
 * DeleteItemUseCase#delete} deletes it, its share links with it. Until share links follow their
 * item, an item with a share link on it or below it cannot be moved ({@link ForbiddenException});
 * a copy leaves the source and its links as they are, so it is always allowed.
 */
public interface TransferItemUseCase {
    /**
     * @throws NotFoundException when there is nothing at {@code from}
     * @throws ConflictException when the destination's parent folder is missing or is a file
     * @throws PreconditionFailedException when an item is at {@code to} and {@code overwrite} is false
     * @throws ForbiddenException when a share link is on the item or below it
     */
    TransferResult move(UserId user, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ConflictException, PreconditionFailedException, ForbiddenException,
                    UpstreamUnavailableException, InsufficientStorageException;

    /**
     * @throws NotFoundException when there is nothing at {@code from}
     * @throws ConflictException when the destination's parent folder is missing or is a file
     * @throws PreconditionFailedException when an item is at {@code to} and {@code overwrite} is false
     */
    TransferResult copy(UserId user, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException;
}
