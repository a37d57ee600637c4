package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.user.UserId;

/** Looks up one item of the caller's space. */
public interface StatItemUseCase {
    StoredItem stat(UserId user, ItemPath path)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException;
}
