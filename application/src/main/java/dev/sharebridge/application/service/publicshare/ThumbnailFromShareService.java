package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.ItemThumbnail;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ThumbnailFromShareUseCase;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.file.Thumbnails;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.StorageException;
import java.time.Clock;

/**
 * Thumbnails through a link: every check of the gate and read, as a listing; no access counted
 * (a listing of forty pictures is one visit, not forty-one).
 */
final class ThumbnailFromShareService implements ThumbnailFromShareUseCase {
    private final LinkGate gate;
    private final Thumbnails thumbnails;
    private final Clock clock;

    ThumbnailFromShareService(LinkGate gate, Thumbnails thumbnails, Clock clock) {
        this.gate = gate;
        this.thumbnails = thumbnails;
        this.clock = clock;
    }

    @Override
    public ItemThumbnail thumbnail(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException, ServiceBusyException {
        Link link = gate.enter(access, clock.instant());
        LinkGate.requireRead(link);
        StoredItem item = LinkGate.stat(link, subpath).orElseThrow(() -> StorageFailures.notFound(subpath));
        try {
            ItemThumbnail made = thumbnails.thumbnail(link.storage(), item);
            return new ItemThumbnail(link.present(made.item()), made.thumbnail());
        } catch (StorageException e) {
            throw StorageFailures.ofRead(e, subpath);
        }
    }
}
