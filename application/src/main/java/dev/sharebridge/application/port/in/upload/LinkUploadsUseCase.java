package dev.sharebridge.application.port.in.upload;

import dev.sharebridge.application.error.ChecksumMismatchException;
import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.GoneException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.domain.upload.UploadId;

/**
 * Resumable uploads through a link (docs/uploads.md): every call passes the link's checks as every
 * public route does (existence, expiry, the reshare chain, the password grant) and needs
 * {@code write}; a file drop (write without read) may only add new files. The checks run again
 * on every chunk and once more before the file is put in place, so a link revoked or expired
 * midway stops its uploads. An upload begun through one link is not found through another.
 */
public interface LinkUploadsUseCase {

    /** As {@link OwnerUploadsUseCase#create}, with the link's checks. */
    UploadStatus create(PublicAccess access, NewUpload upload)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    TooLargeException, ConflictException, UpstreamUnavailableException, InsufficientStorageException;

    UploadStatus status(PublicAccess access, UploadId id)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    GoneException;

    /** As {@link OwnerUploadsUseCase#append}, with the link's checks before the chunk and before the file is placed. */
    UploadStatus append(PublicAccess access, UploadId id, Chunk chunk)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    GoneException, ConflictException, ChecksumMismatchException, TooLargeException,
                    UpstreamUnavailableException, InsufficientStorageException;

    void cancel(PublicAccess access, UploadId id)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException;
}
