package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.user.UserId;
import java.util.Optional;

/** Opens a file of the caller's space for streaming (all of it or one range). Folders are not found. */
public interface ReadFileUseCase {
    ItemContent read(UserId user, ItemPath path, Optional<ByteRange> range)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException;
}
