package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.ItemThumbnail;
import dev.sharebridge.domain.item.ItemPath;

/**
 * A small picture of an image file through a link, for the share page's listing. Needs read (a
 * file drop gets none: forbidden); counts no access, as listing does not. A file of another type,
 * or one too large or not readable as its type, has none: not found.
 */
public interface ThumbnailFromShareUseCase {
    ItemThumbnail thumbnail(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException, ServiceBusyException;
}
