package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;

/** Lists a folder of the caller's space; the root always exists. */
public interface ListFolderUseCase {
    FolderListing list(UserId user, ItemPath folder)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException;
}
