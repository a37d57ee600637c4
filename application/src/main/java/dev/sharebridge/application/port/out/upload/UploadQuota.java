package dev.sharebridge.application.port.out.upload;

import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.user.UserId;
import java.util.Optional;

/**
 * Whether an upload of a known size may begin: asked once, at its creation, after the server's
 * largest upload ({@code [uploads] max_size_mib}) was checked. The place for per-user quotas and a
 * link's largest upload; {@link #NONE} admits everything. What {@link #admit} reserved is given
 * back with {@link #release} when the upload is given up.
 */
public interface UploadQuota {
    UploadQuota NONE = request -> {};

    /**
     * @throws TooLargeException when this upload alone is over a limit (a link's largest upload)
     * @throws InsufficientStorageException when the space has no room left for it (a quota)
     */
    void admit(Request request) throws TooLargeException, InsufficientStorageException;

    /** An admitted upload of {@code length} bytes will never be placed (cancelled, expired, discarded). */
    default void release(UploadOwner owner, long length) {}

    /** An admitted upload was placed over a file of {@code bytes}, which its space no longer holds. */
    default void replaced(UploadOwner owner, long bytes) {}

    /**
     * @param space the user whose space the file lands in (a link's owner for uploads through it)
     * @param link the link it comes through, if any
     * @param length the announced size in bytes
     */
    record Request(UserId space, Optional<ShareId> link, long length) {}
}
