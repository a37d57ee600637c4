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

/** Taking content away through a link: a file, or a folder as a zip. Needs read. */
public interface DownloadFromShareUseCase {

    /** Counts an access and opens the file. */
    ItemContent download(PublicAccess access, ItemPath subpath, Optional<ByteRange> range)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException;

    /** Counts an access and returns the folder as a zip to stream. Folder shares only. */
    ZipDownload zip(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException;

    /** The file name {@link #zip} would offer, after the same checks, without counting (for {@code HEAD}). */
    String zipFileName(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    UpstreamUnavailableException;
}
