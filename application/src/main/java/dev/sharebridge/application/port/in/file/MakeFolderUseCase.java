package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;

/** Makes a folder (and its parents) in the caller's space. @return true when it was created */
public interface MakeFolderUseCase {
    boolean makeFolder(UserId user, ItemPath path)
            throws ConflictException, UpstreamUnavailableException, InsufficientStorageException;
}
