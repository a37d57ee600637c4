package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.ItemContent;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Taking content away through a link: a file, or a folder as a zip. Needs read. Each counts an
 * access, except with a live {@link Visit} of the link ({@link PublicAccess#visit}), whose open
 * counted it.
 */
public interface DownloadFromShareUseCase {

    /** Counts an access and opens the file. */
    ItemContent download(PublicAccess access, ItemPath subpath, Optional<ByteRange> range)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException;

    /**
     * {@link #download} without holding the caller's thread while the access is counted: the
     * checks and the opening of the file run at once and throw as {@link #download} does; the
     * stage completes once the access is committed, or fails with {@link NotFoundException} when
     * the link was used up meanwhile (the file is closed then). By default {@link #download}.
     */
    default CompletionStage<ItemContent> downloadLater(PublicAccess access, ItemPath subpath, Optional<ByteRange> range)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        return CompletableFuture.completedFuture(download(access, subpath, range));
    }

    /** Counts an access and returns the folder as a zip to stream. Folder shares only. */
    ZipDownload zip(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException;

    /** {@link #zip} without holding the caller's thread while the access is counted (as {@link #downloadLater}). */
    default CompletionStage<ZipDownload> zipLater(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException {
        return CompletableFuture.completedFuture(zip(access, subpath));
    }

    /** The file name {@link #zip} would offer, after the same checks, without counting (for {@code HEAD}). */
    String zipFileName(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException;
}
