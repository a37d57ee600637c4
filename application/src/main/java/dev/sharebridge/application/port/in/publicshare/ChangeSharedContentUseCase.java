package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.InputStream;

/**
 * Changing what a link shares: uploads, new folders, deletions. Each writes to the storage, so
 * each may find another kind of item in the way ({@link ConflictException}) or no room
 * ({@link InsufficientStorageException}).
 */
public interface ChangeSharedContentUseCase {

    /** Uploads a file. Needs write; replacing an existing file needs read too. */
    WriteResult upload(PublicAccess access, ItemPath subpath, InputStream content)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException;

    /** Makes a folder. Needs write and read. @return true when created */
    boolean makeFolder(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException;

    /** Deletes an item below the shared root (never the root). Needs write and read. */
    void delete(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException;
}
