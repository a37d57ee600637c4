package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;

/**
 * A small picture of an image file of the caller's space, for listings (docs/architecture.md,
 * "Thumbnails"). A folder, a file of another type, or one too large or not readable as its type
 * has none: not found.
 */
public interface ThumbnailUseCase {
    /**
     * @throws ServiceBusyException when every slot for making thumbnails stays busy for a while
     */
    ItemThumbnail thumbnail(UserId user, ItemPath path)
            throws NotFoundException, UpstreamUnavailableException, ServiceBusyException;
}
