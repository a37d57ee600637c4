package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.PreconditionFailedException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Changing what a link shares: uploads, new folders, deletions, moves and copies. Each writes to the storage, so
 * each may find another kind of item in the way ({@link ConflictException}) or no room
 * ({@link InsufficientStorageException}).
 */
public interface ChangeSharedContentUseCase {

    /** Uploads a file of unknown length (a chunked request's body); as the other {@code upload}. */
    default WriteResult upload(PublicAccess access, ItemPath subpath, InputStream content)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException, TooLargeException {
        return upload(access, subpath, content, OptionalLong.empty());
    }

    /**
     * Uploads a file. Needs write; replacing an existing file needs read too. Within the link's
     * limits and its owner's quota (docs/uploads.md, "Quotas and limits").
     *
     * @param length the body's announced length, when known: over a limit, refused before a byte is read
     * @throws TooLargeException over the largest file, the link's {@code max_file_bytes} or what it may
     *     still receive ({@code max_upload_bytes})
     * @throws InsufficientStorageException over the owner's quota, or the storage is full
     */
    WriteResult upload(PublicAccess access, ItemPath subpath, InputStream content, OptionalLong length)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException, TooLargeException;

    /**
     * Makes a folder. Needs write; a file drop (write without read) may make folders too, as its
     * uploads make the folders they need. @return true when created, false when one is there
     */
    boolean makeFolder(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException;

    /** Deletes an item below the shared root (never the root). Needs write and read. */
    void delete(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException;

    /**
     * Moves (renames) an item inside the shared folder, as WebDAV {@code MOVE} does: no parents
     * made, never the shared item itself, nothing leaves the link. Needs write and read. An item
     * replaced at the destination ({@code overwrite}) is deleted as {@link #delete} deletes it;
     * as on the owner's side, an item with a share link on it or below it is not moved
     * ({@link ForbiddenException}).
     *
     * @throws ConflictException when the destination's parent folder is missing or is a file
     * @throws PreconditionFailedException when an item is at {@code to} and {@code overwrite} is false
     */
    TransferResult move(PublicAccess access, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException;

    /** Copies an item (a folder with all below it) inside the shared folder; as {@link #move} otherwise. */
    TransferResult copy(PublicAccess access, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException;

    /**
     * The checks of a change (write and read) without changing anything: for what a client
     * keeps beside the content, such as WebDAV's properties and locks, which a read-only link
     * may not set either.
     */
    void checkChange(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException;
}
