package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;

/**
 * Deletes a file or a folder with everything in it, and every share link on it or below it
 * (with their reshared links). The root of a space cannot be deleted.
 */
public interface DeleteItemUseCase {
    /** @return how many share links were deleted with the item */
    int delete(UserId user, ItemPath path)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException;

    /** How many share links would die with the item (for a confirmation). */
    int countSharesBelow(UserId user, ItemPath path);
}
