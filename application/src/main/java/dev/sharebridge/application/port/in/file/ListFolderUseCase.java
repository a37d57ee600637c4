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

    /** As {@link #list}, the children produced while they are read (memory flat for any size). */
    default FolderStream stream(UserId user, ItemPath folder)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException {
        FolderListing listing = list(user, folder);
        return new FolderStream(listing.folder(), listing.children().stream());
    }
}
