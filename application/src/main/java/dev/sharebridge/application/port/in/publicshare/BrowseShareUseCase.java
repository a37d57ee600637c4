package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.file.FolderStream;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;

/** Looking around in a shared item without counting an access. Both need read. */
public interface BrowseShareUseCase {

    /** Lists a folder of a folder share. */
    FolderListing list(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException;

    /** As {@link #list}, the children produced while they are read (memory flat for any size). */
    default FolderStream stream(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        FolderListing listing = list(access, subpath);
        return new FolderStream(listing.folder(), listing.children().stream());
    }

    /** Looks up an item (for ETag/HEAD/Range decisions). */
    StoredItem stat(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException;
}
