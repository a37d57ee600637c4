package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.publicshare.DownloadFromShareUseCase;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ZipDownload;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.StorageException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Downloads through a link: a file, or a folder zipped on the fly. Each counts one access, unless it carries a live visit. */
final class DownloadFromShareService implements DownloadFromShareUseCase {
    private final LinkGate gate;
    private final Clock clock;

    DownloadFromShareService(LinkGate gate, Clock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public ItemContent download(PublicAccess access, ItemPath subpath, Optional<ByteRange> range)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        Instant now = clock.instant();
        Link link = gate.enter(access, now);
        LinkGate.requireRead(link);
        ItemContent content = read(link, subpath, range);
        // counted once the file is known to be readable, so a failed read never uses up an access
        try {
            gate.count(link, access.client(), now);
        } catch (NotFoundException e) {
            closeQuietly(content);
            throw e;
        }
        return new ItemContent(link.present(content.item()), content.range(), content.stream());
    }

    /** Reads at once; counts in the batch being gathered and closes the stream when refused. */
    @Override
    public CompletionStage<ItemContent> downloadLater(PublicAccess access, ItemPath subpath, Optional<ByteRange> range)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        Instant now = clock.instant();
        Link link = gate.enter(access, now);
        LinkGate.requireRead(link);
        ItemContent content = read(link, subpath, range);
        return gate.countLater(link, access.client(), now)
                .whenComplete((counted, refused) -> {
                    if (refused != null) {
                        closeQuietly(content);
                    }
                })
                .thenApply(counted -> new ItemContent(link.present(content.item()), content.range(), content.stream()));
    }

    @Override
    public CompletionStage<ZipDownload> zipLater(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        Instant now = clock.instant();
        Link link = zippable(access, subpath, now);
        ZipDownload zip = zipOf(link, subpath);
        return gate.countLater(link, access.client(), now).thenApply(counted -> zip);
    }

    @Override
    public ZipDownload zip(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        Instant now = clock.instant();
        Link link = zippable(access, subpath, now);
        gate.count(link, access.client(), now);
        return zipOf(link, subpath);
    }

    private static ZipDownload zipOf(Link link, ItemPath subpath) throws NotFoundException {
        FolderZip zip = new FolderZip(link.storage(), link.target(subpath));
        return new ZipDownload(zipName(link, subpath), zip::writeTo);
    }

    /** Opens the file; counted only after this, so a failed read never uses up an access. */
    private static ItemContent read(Link link, ItemPath subpath, Optional<ByteRange> range)
            throws UpstreamUnavailableException, NotFoundException {
        try {
            return link.storage().read(link.target(subpath), range);
        } catch (StorageException e) {
            throw StorageFailures.ofRead(e, subpath);
        }
    }

    @Override
    public String zipFileName(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        return zipName(zippable(access, subpath, clock.instant()), subpath);
    }

    /** The checks of a zip: everything, read, and a folder at {@code subpath}. */
    private Link zippable(PublicAccess access, ItemPath subpath, Instant now)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        Link link = gate.enter(access, now);
        LinkGate.requireRead(link);
        Optional<StoredItem> folder = LinkGate.stat(link, subpath);
        if (folder.isEmpty() || !folder.get().isFolder()) {
            throw StorageFailures.notFound(subpath);
        }
        return link;
    }

    private static String zipName(Link link, ItemPath subpath) {
        String name = subpath.isRoot() ? link.displayName() : subpath.name();
        return (name.isEmpty() ? "download" : name) + ".zip";
    }

    private static void closeQuietly(ItemContent content) {
        try {
            content.close();
        } catch (IOException e) {
            // nothing was sent yet; the stream is abandoned either way
        }
    }
}
