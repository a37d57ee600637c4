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
 * DeleteItemUseCase#delete} deletes it, its share links with it. A moved item keeps its share
 * links, and so does everything below it: they point at the new path (docs/architecture.md,
 * "Moving items with share links"). A copy gets no links; the source keeps its own.
 */
public interface TransferItemUseCase {
    /**
     * @throws NotFoundException when there is nothing at {@code from}
     * @throws ConflictException when the destination's parent folder is missing or is a file
     * @throws PreconditionFailedException when an item is at {@code to} and {@code overwrite} is false
     * @throws ForbiddenException when the item is, or holds, the shared folder of a meeting room
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
