package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.file.FolderStream;
import dev.sharebridge.application.port.in.publicshare.BrowseShareUseCase;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.StorageException;
import java.time.Clock;
import java.util.Optional;

/** Listing and looking up items through a link, with paths relative to the shared item. */
final class BrowseShareService implements BrowseShareUseCase {
    private final LinkGate gate;
    private final Clock clock;

    BrowseShareService(LinkGate gate, Clock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public FolderListing list(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        Link link = gate.enter(access, clock.instant());
        LinkGate.requireRead(link);
        Optional<StoredItem> folder = LinkGate.stat(link, subpath);
        if (folder.isEmpty() || !folder.get().isFolder()) {
            throw StorageFailures.notFound(subpath);
        }
        try {
            return new FolderListing(
                    link.present(folder.get()),
                    link.storage().list(link.target(subpath)).stream()
                            .map(link::present)
                            .toList());
        } catch (StorageException e) {
            throw StorageFailures.ofRead(e, subpath);
        }
    }

    @Override
    public FolderStream stream(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        Link link = gate.enter(access, clock.instant());
        LinkGate.requireRead(link);
        Optional<StoredItem> folder = LinkGate.stat(link, subpath);
        if (folder.isEmpty() || !folder.get().isFolder()) {
            throw StorageFailures.notFound(subpath);
        }
        try {
            return new FolderStream(
                    link.present(folder.get()),
                    link.storage().children(link.target(subpath)).map(link::present));
        } catch (StorageException e) {
            throw StorageFailures.ofRead(e, subpath);
        }
    }

    @Override
    public StoredItem stat(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        Link link = gate.enter(access, clock.instant());
        LinkGate.requireRead(link);
        Optional<StoredItem> item = LinkGate.stat(link, subpath);
        if (item.isEmpty()) {
            throw StorageFailures.notFound(subpath);
        }
        return link.present(item.get());
    }
}
